import type { Schedule } from '@vigil/backstage-plugin-oncall-common';
import type { NewSchedule } from '../../OnCallStore';
import { insertChunked } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import {
  participantRows,
  PARTICIPANTS,
  scheduleFromRow,
  ScheduleRow,
  SCHEDULES,
  versionRow,
  VERSIONS,
} from './rows';

/** Stores a schedule at version 1, its first version row and its participants. */
export async function createSchedule(
  internals: StoreInternals,
  input: NewSchedule,
): Promise<Schedule> {
  const row: ScheduleRow = {
    id: internals.newId(),
    owner_ref: input.ownerRef,
    name: input.name,
    description: input.description ?? null,
    time_zone: input.timeZone,
    layers: JSON.stringify(input.layers),
    version: 1,
    created_by: input.createdBy,
    created_at: input.now,
    updated_at: input.now,
  };
  await internals.db.transaction(async tx => {
    await tx(SCHEDULES).insert(row);
    await tx(VERSIONS).insert(versionRow(row.id, 1, input.now, input));
    await insertChunked(
      tx,
      PARTICIPANTS,
      participantRows(row.id, input.layers),
    );
  });
  return scheduleFromRow(row);
}
