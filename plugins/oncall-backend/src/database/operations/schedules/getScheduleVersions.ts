import type { ScheduleVersion } from '@vigil/backstage-plugin-oncall-common';
import type { Knex } from 'knex';
import { chunks, groupBy } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { versionFromRow, VersionRow, VERSIONS } from './rows';

/**
 * Versions in effect during [from, to): the last one that started at or
 * before `from` and every one that started inside the range. A correlated
 * subquery finds the first, so any number of schedules is one query (per
 * 500 ids), served by the (schedule_id, effective_from) index.
 */
function versionsInRange(
  db: Knex,
  scheduleIds: string[],
  from: number,
  to: number,
): Knex.QueryBuilder<VersionRow, VersionRow[]> {
  return db<VersionRow>(`${VERSIONS} as v`)
    .select('v.*')
    .whereIn('v.schedule_id', scheduleIds)
    .where('v.effective_from', '<', to)
    .where(
      'v.effective_from',
      '>=',
      db.raw(
        `coalesce((select max(p.effective_from) from ${VERSIONS} p where p.schedule_id = v.schedule_id and p.effective_from <= ?), ?)`,
        [from, from],
      ),
    )
    .orderBy('v.schedule_id', 'asc')
    .orderBy('v.effective_from', 'asc');
}

/** The versions of one schedule in effect during [from, to), oldest first. */
export async function getScheduleVersions(
  internals: StoreInternals,
  scheduleId: string,
  from: number,
  to: number,
): Promise<ScheduleVersion[]> {
  if (to <= from) return [];
  const rows = await versionsInRange(internals.db, [scheduleId], from, to);
  return rows.map(versionFromRow);
}

/** The same for many schedules: every id asked has an entry (maybe empty). */
export async function getScheduleVersionsMany(
  internals: StoreInternals,
  scheduleIds: string[],
  from: number,
  to: number,
): Promise<Map<string, ScheduleVersion[]>> {
  const rows: VersionRow[] = [];
  if (to > from) {
    for (const chunk of chunks(scheduleIds)) {
      rows.push(...(await versionsInRange(internals.db, chunk, from, to)));
    }
  }
  const grouped = groupBy(scheduleIds, rows, row => row.schedule_id);
  return new Map(
    [...grouped].map(([id, versionRows]) => [
      id,
      versionRows.map(versionFromRow),
    ]),
  );
}
