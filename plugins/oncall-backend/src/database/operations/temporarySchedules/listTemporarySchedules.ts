import type { TemporarySchedule } from '@vigil/backstage-plugin-oncall-common';
import { listIntersectingBySchedule } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import {
  temporaryScheduleFromRow,
  TemporaryScheduleRow,
  TEMPORARY_SCHEDULES,
} from './rows';

/** Temporary schedules of the schedule that intersect [from, to), by start. */
export async function listTemporarySchedules(
  internals: StoreInternals,
  scheduleId: string,
  from: number,
  to: number,
): Promise<TemporarySchedule[]> {
  const bySchedule = await listTemporarySchedulesMany(
    internals,
    [scheduleId],
    from,
    to,
  );
  return bySchedule.get(scheduleId) ?? [];
}

/** One query per 500 schedules; every id asked has an entry (maybe empty). */
export async function listTemporarySchedulesMany(
  internals: StoreInternals,
  scheduleIds: string[],
  from: number,
  to: number,
): Promise<Map<string, TemporarySchedule[]>> {
  return listIntersectingBySchedule<TemporaryScheduleRow, TemporarySchedule>(
    internals.db,
    TEMPORARY_SCHEDULES,
    temporaryScheduleFromRow,
    scheduleIds,
    from,
    to,
  );
}
