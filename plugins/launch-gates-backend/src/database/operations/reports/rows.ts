import type {
  PostedReport,
  StoredReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import { isoOf } from '../StoreInternals';

export const REPORTS = 'launch_reports';

/** A row of `launch_reports`. */
export interface ReportRow {
  id: string;
  entity_ref: string;
  kind: string;
  ran_at: number | string;
  report: string;
  posted_by: string;
  posted_at: number | string;
}

export function reportFromRow(row: ReportRow): StoredReport {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    kind: row.kind as StoredReport['kind'],
    ranAt: isoOf(row.ran_at),
    postedBy: row.posted_by,
    postedAt: isoOf(row.posted_at),
    report: JSON.parse(row.report) as PostedReport,
  };
}
