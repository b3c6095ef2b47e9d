import type { ActionItem } from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';
import { ActionItemRow, rowToActionItem } from './rows';

export async function getActionItem(
  internals: StoreInternals,
  id: string,
): Promise<
  (ActionItem & { postmortemId: string; incidentId: string }) | undefined
> {
  const row: ActionItemRow | undefined = await internals
    .db('action_items')
    .where({ id })
    .first();
  if (!row) return undefined;
  return {
    ...rowToActionItem(row),
    postmortemId: row.postmortem_id,
    incidentId: row.incident_id,
  };
}
