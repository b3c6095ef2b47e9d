import type { Schedule } from '@vigil/backstage-plugin-oncall-common';
import type { ScheduleEdit } from '../../OnCallStore';
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

/**
 * Writes a new definition if the schedule is still at `edit.version` (a
 * compare-and-set: of two concurrent edits of one version, one wins). The
 * new version takes effect at `edit.now`; a version that would start at or
 * after it (an edit in the same instant, or one stamped by a clock running
 * ahead) is replaced, so the newest edit rules from `now` on and the past
 * keeps its versions.
 */
export async function updateSchedule(
  internals: StoreInternals,
  edit: ScheduleEdit,
): Promise<Schedule | 'conflict' | undefined> {
  return internals.db.transaction(async tx => {
    const version = edit.version + 1;
    const updated = await tx<ScheduleRow>(SCHEDULES)
      .where({ id: edit.id, version: edit.version })
      .update({
        name: edit.name,
        description: edit.description ?? null,
        time_zone: edit.timeZone,
        layers: JSON.stringify(edit.layers),
        version,
        updated_at: edit.now,
      });
    if (updated !== 1) {
      const exists = await tx(SCHEDULES).where('id', edit.id).first('id');
      return exists ? 'conflict' : undefined;
    }
    await tx(VERSIONS)
      .where('schedule_id', edit.id)
      .where('effective_from', '>=', edit.now)
      .delete();
    await tx(VERSIONS).insert(versionRow(edit.id, version, edit.now, edit));
    await tx(PARTICIPANTS).where('schedule_id', edit.id).delete();
    await insertChunked(
      tx,
      PARTICIPANTS,
      participantRows(edit.id, edit.layers),
    );
    const row = await tx<ScheduleRow>(SCHEDULES).where('id', edit.id).first();
    return scheduleFromRow(row!);
  });
}
