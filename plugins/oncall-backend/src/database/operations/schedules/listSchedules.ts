import type { Schedule } from '@vigil/backstage-plugin-oncall-common';
import type { ScheduleListQuery } from '../../OnCallStore';
import { countRows } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { PARTICIPANTS, scheduleFromRow, ScheduleRow, SCHEDULES } from './rows';

/**
 * One page of schedules by name (id breaks ties), filtered and counted in
 * the database. `ownerRefs` is bound as one list: callers pass a user's
 * groups, far fewer than any bind-variable limit.
 */
export async function listSchedules(
  internals: StoreInternals,
  query: ScheduleListQuery,
): Promise<{ items: Schedule[]; total: number }> {
  if (query.ownerRefs?.length === 0) return { items: [], total: 0 };
  const { db } = internals;
  const filtered = db<ScheduleRow>(`${SCHEDULES} as s`);
  if (query.ownerRefs) filtered.whereIn('s.owner_ref', query.ownerRefs);
  if (query.participantRef) {
    filtered.whereIn(
      's.id',
      db(PARTICIPANTS)
        .select('schedule_id')
        .where('user_ref', query.participantRef),
    );
  }
  const total = await countRows(filtered);
  if (query.offset >= total) return { items: [], total };
  const rows: ScheduleRow[] = await filtered
    .select('s.*')
    .orderBy('s.name', 'asc')
    .orderBy('s.id', 'asc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(scheduleFromRow), total };
}
