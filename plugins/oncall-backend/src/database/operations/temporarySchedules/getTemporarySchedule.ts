import type { TemporarySchedule } from '@vigil/backstage-plugin-oncall-common';
import type { StoreInternals } from '../StoreInternals';
import {
  temporaryScheduleFromRow,
  TemporaryScheduleRow,
  TEMPORARY_SCHEDULES,
} from './rows';

export async function getTemporarySchedule(
  internals: StoreInternals,
  id: string,
): Promise<TemporarySchedule | undefined> {
  const row = await internals
    .db<TemporaryScheduleRow>(TEMPORARY_SCHEDULES)
    .where('id', id)
    .first();
  return row ? temporaryScheduleFromRow(row) : undefined;
}
