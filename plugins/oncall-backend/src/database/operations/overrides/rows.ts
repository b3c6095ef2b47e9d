import type {
  Override,
  OverrideAction,
} from '@vigil/backstage-plugin-oncall-common';
import { toMs } from '../queries';

export const OVERRIDES = 'oncall_overrides';

/** A row of `oncall_overrides`. */
export interface OverrideRow {
  id: string;
  schedule_id: string;
  start_ms: number | string;
  end_ms: number | string;
  action: string;
  user_ref: string;
  replaces_ref: string | null;
  note: string | null;
  created_by: string;
  created_at: number | string;
}

export function overrideFromRow(row: OverrideRow): Override {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    start: toMs(row.start_ms),
    end: toMs(row.end_ms),
    action: row.action as OverrideAction,
    userRef: row.user_ref,
    ...(row.replaces_ref !== null && { replacesRef: row.replaces_ref }),
    ...(row.note !== null && { note: row.note }),
    createdBy: row.created_by,
  };
}
