import type { StoredPage } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { pageFromRow, PageRow, PAGES } from './rows';

/**
 * Open pages whose next step is due at `now`, oldest due first: a range of
 * the (status, next_escalation_at) index. Reading is not claiming; the
 * escalator claims each step with advancePage.
 */
export async function duePages(
  internals: StoreInternals,
  now: number,
  limit: number,
): Promise<StoredPage[]> {
  const rows = await internals
    .db<PageRow>(PAGES)
    .where('status', 'open')
    .where('next_escalation_at', '<=', now)
    .orderBy('next_escalation_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit);
  return rows.map(pageFromRow);
}
