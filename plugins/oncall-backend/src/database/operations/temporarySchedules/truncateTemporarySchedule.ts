import type { FixedShift } from '@vigil/backstage-plugin-oncall-common';
import type { StoreInternals } from '../StoreInternals';
import { TemporaryScheduleRow, TEMPORARY_SCHEDULES } from './rows';

/**
 * Ends a temporary schedule at `end` (strictly inside it, as for
 * overrides), dropping its shifts from `end` on and cutting the one that
 * spans it, so the stored shifts never outlast the range. The update names
 * the end it read: a concurrent truncation makes this one a no-op.
 */
export async function truncateTemporarySchedule(
  internals: StoreInternals,
  id: string,
  end: number,
): Promise<boolean> {
  const row = await internals
    .db<TemporaryScheduleRow>(TEMPORARY_SCHEDULES)
    .where('id', id)
    .where('start_ms', '<', end)
    .where('end_ms', '>', end)
    .first();
  if (!row) return false;
  const shifts = (JSON.parse(row.shifts) as FixedShift[])
    .filter(shift => shift.start < end)
    .map(shift => ({ ...shift, end: Math.min(shift.end, end) }));
  const updated = await internals
    .db(TEMPORARY_SCHEDULES)
    .where({ id, end_ms: row.end_ms })
    .update({ end_ms: end, shifts: JSON.stringify(shifts) });
  return updated === 1;
}
