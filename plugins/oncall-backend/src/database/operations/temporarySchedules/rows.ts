import type {
  FixedShift,
  TemporarySchedule,
} from '@vigil/backstage-plugin-oncall-common';
import { toMs } from '../queries';

export const TEMPORARY_SCHEDULES = 'oncall_temporary_schedules';

/** A row of `oncall_temporary_schedules`. */
export interface TemporaryScheduleRow {
  id: string;
  schedule_id: string;
  start_ms: number | string;
  end_ms: number | string;
  shifts: string;
  note: string | null;
  created_by: string;
  created_at: number | string;
}

export function temporaryScheduleFromRow(
  row: TemporaryScheduleRow,
): TemporarySchedule {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    start: toMs(row.start_ms),
    end: toMs(row.end_ms),
    shifts: JSON.parse(row.shifts) as FixedShift[],
    ...(row.note !== null && { note: row.note }),
    createdBy: row.created_by,
  };
}
