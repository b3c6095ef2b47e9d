import type { StoredPage } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { PAGES } from './rows';

/**
 * How many open pages have a step due at `now`, by severity: the escalation
 * backlog, counted on the same (status, next_escalation_at) index as
 * duePages.
 */
export async function countDuePages(
  internals: StoreInternals,
  now: number,
): Promise<Partial<Record<StoredPage['severity'], number>>> {
  const rows: Array<{ severity: string; count: number | string }> =
    await internals
      .db(PAGES)
      .where('status', 'open')
      .where('next_escalation_at', '<=', now)
      .groupBy('severity')
      .select('severity')
      .count({ count: '*' });
  return Object.fromEntries(rows.map(row => [row.severity, Number(row.count)]));
}
