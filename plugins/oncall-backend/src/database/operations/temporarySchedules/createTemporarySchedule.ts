import type { TemporarySchedule } from '@vigil/backstage-plugin-oncall-common';
import type { NewTemporarySchedule } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import {
  temporaryScheduleFromRow,
  TemporaryScheduleRow,
  TEMPORARY_SCHEDULES,
} from './rows';

export async function createTemporarySchedule(
  internals: StoreInternals,
  input: NewTemporarySchedule,
): Promise<TemporarySchedule> {
  const row: TemporaryScheduleRow = {
    id: internals.newId(),
    schedule_id: input.scheduleId,
    start_ms: input.start,
    end_ms: input.end,
    shifts: JSON.stringify(input.shifts),
    note: input.note ?? null,
    created_by: input.createdBy,
    created_at: input.createdAt,
  };
  await internals.db(TEMPORARY_SCHEDULES).insert(row);
  return temporaryScheduleFromRow(row);
}
