import { OPEN_STATUSES } from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';

/** Open incidents per severity (only severities that have one). */
export async function countOpenBySeverity(
  internals: StoreInternals,
): Promise<Record<string, number>> {
  const rows: Array<{ severity: string; count: number | string }> =
    await internals
      .db('incidents')
      .select('severity')
      .count({ count: '*' })
      .whereIn('status', [...OPEN_STATUSES])
      .groupBy('severity');
  return Object.fromEntries(
    rows.map(row => [String(row.severity), Number(row.count)]),
  );
}
