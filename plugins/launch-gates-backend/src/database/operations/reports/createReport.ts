import type {
  PostedReport,
  StoredReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import { msOf, type StoreInternals } from '../StoreInternals';
import { REPORTS, reportFromRow, ReportRow } from './rows';

export async function createReport(
  internals: StoreInternals,
  input: {
    report: PostedReport;
    entityRef: string;
    postedBy: string;
    postedAt: string;
  },
): Promise<StoredReport> {
  const row: ReportRow = {
    id: internals.newId(),
    entity_ref: input.entityRef,
    kind: input.report.kind,
    ran_at: msOf(input.report.ranAt),
    report: JSON.stringify(input.report),
    posted_by: input.postedBy,
    posted_at: msOf(input.postedAt),
  };
  await internals.db(REPORTS).insert(row);
  return reportFromRow(row);
}
