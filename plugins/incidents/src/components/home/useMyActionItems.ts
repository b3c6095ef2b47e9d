import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api/IncidentsApi';
import type { ActionItemWithContext } from '../../api/types';
import { useIncidentSignal } from '../../lib/useIncidentSignal';

/** Items the widget asks for (the server allows up to 200). */
export const MY_ACTION_ITEMS_FETCH_LIMIT = 50;
/** Owners one request may name (the server's limit). */
const MAX_OWNERS = 50;

/** Overdue first, then by priority (P0 first), then by due date. */
export function sortActionItems(
  items: ActionItemWithContext[],
): ActionItemWithContext[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.priority.localeCompare(b.priority) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
  );
}

export interface MyActionItems {
  /** The signed-in user's entity ref. */
  userEntityRef: string;
  items: ActionItemWithContext[];
  totalCount: number;
}

/**
 * Open postmortem action items owned by the signed-in user or by any group
 * they belong to (their ownership refs), most urgent first; reloads when a
 * postmortem changes.
 */
export function useMyActionItems() {
  const identityApi = useApi(identityApiRef);
  const api = useApi(incidentsApiRef);
  const state = useAsyncRetry(async (): Promise<MyActionItems> => {
    const { userEntityRef, ownershipEntityRefs } =
      await identityApi.getBackstageIdentity();
    const owners = [...new Set([userEntityRef, ...ownershipEntityRefs])]
      .filter(Boolean)
      .slice(0, MAX_OWNERS);
    if (owners.length === 0) return { userEntityRef, items: [], totalCount: 0 };
    const list = await api.listActionItems({
      owner: owners,
      status: 'open',
      limit: MY_ACTION_ITEMS_FETCH_LIMIT,
    });
    return {
      userEntityRef,
      items: sortActionItems(list.items),
      totalCount: list.totalCount,
    };
  }, [identityApi, api]);
  useIncidentSignal(signal => {
    if (signal.type === 'postmortem_updated') state.retry();
  });
  return state;
}
