import type { Override } from '@vigil/backstage-plugin-oncall-common';
import { listIntersectingBySchedule } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { overrideFromRow, OverrideRow, OVERRIDES } from './rows';

/** Overrides of the schedule that intersect [from, to), by start. */
export async function listOverrides(
  internals: StoreInternals,
  scheduleId: string,
  from: number,
  to: number,
): Promise<Override[]> {
  const bySchedule = await listOverridesMany(internals, [scheduleId], from, to);
  return bySchedule.get(scheduleId) ?? [];
}

/** One query per 500 schedules; every id asked has an entry (maybe empty). */
export async function listOverridesMany(
  internals: StoreInternals,
  scheduleIds: string[],
  from: number,
  to: number,
): Promise<Map<string, Override[]>> {
  return listIntersectingBySchedule<OverrideRow, Override>(
    internals.db,
    OVERRIDES,
    overrideFromRow,
    scheduleIds,
    from,
    to,
  );
}
