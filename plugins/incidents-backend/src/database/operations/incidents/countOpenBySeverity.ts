import { OPEN_STATUSES } from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';
import { whereOnlyInNamespace } from '../queries';

/**
 * Open incidents per severity (only severities that have one), leaving out
 * those that affect only entities of `excludeNamespace` (the sandbox's).
 */
export async function countOpenBySeverity(
  internals: StoreInternals,
  options: { excludeNamespace?: string } = {},
): Promise<Record<string, number>> {
  const query = internals
    .db('incidents')
    .select('severity')
    .count({ count: '*' })
    .whereIn('status', [...OPEN_STATUSES])
    .groupBy('severity');
  if (options.excludeNamespace) {
    whereOnlyInNamespace(
      internals,
      query,
      'incidents.id',
      options.excludeNamespace,
      false,
    );
  }
  const rows = (await query) as Array<{
    severity: string;
    count: number | string;
  }>;
  return Object.fromEntries(
    rows.map(row => [String(row.severity), Number(row.count)]),
  );
}
