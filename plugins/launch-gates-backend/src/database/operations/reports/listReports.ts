import type { StoredReport } from '@vigil/backstage-plugin-launch-gates-common';
import { whereInValues } from '@vigil/backend-kit';
import type { ReportListQuery } from '../../LaunchGatesStore';
import type { StoreInternals } from '../StoreInternals';
import { REPORTS, reportFromRow, ReportRow } from './rows';

/** One page of reports, newest run first, filtered and counted in the database. */
export async function listReports(
  internals: StoreInternals,
  query: ReportListQuery,
): Promise<{ items: StoredReport[]; totalCount: number }> {
  if (query.entityRefs?.length === 0) return { items: [], totalCount: 0 };
  const filtered = internals.db<ReportRow>(REPORTS);
  if (query.entityRefs) {
    whereInValues(
      filtered,
      'entity_ref',
      query.entityRefs,
      internals.isPostgres,
    );
  }
  if (query.kind) filtered.where('kind', query.kind);
  const [{ count }] = await filtered
    .clone()
    .count<{ count: number | string }[]>({ count: '*' });
  const totalCount = Number(count);
  if (query.offset >= totalCount) return { items: [], totalCount };
  const rows: ReportRow[] = await filtered
    .select('*')
    .orderBy('ran_at', 'desc')
    .orderBy('id', 'asc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(reportFromRow), totalCount };
}
