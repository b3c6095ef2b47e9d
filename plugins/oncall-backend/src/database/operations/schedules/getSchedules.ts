import type { Schedule } from '@vigil/backstage-plugin-oncall-common';
import { chunks } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { scheduleFromRow, ScheduleRow, SCHEDULES } from './rows';

export async function getSchedule(
  internals: StoreInternals,
  id: string,
): Promise<Schedule | undefined> {
  const row = await internals
    .db<ScheduleRow>(SCHEDULES)
    .where('id', id)
    .first();
  return row ? scheduleFromRow(row) : undefined;
}

/** The schedules that exist among `ids`, in the order asked (one query per 500 ids). */
export async function getSchedules(
  internals: StoreInternals,
  ids: string[],
): Promise<Schedule[]> {
  const byId = new Map<string, Schedule>();
  for (const chunk of chunks(ids)) {
    const rows = await internals
      .db<ScheduleRow>(SCHEDULES)
      .whereIn('id', chunk);
    for (const row of rows) byId.set(row.id, scheduleFromRow(row));
  }
  return ids.flatMap(id => byId.get(id) ?? []);
}
