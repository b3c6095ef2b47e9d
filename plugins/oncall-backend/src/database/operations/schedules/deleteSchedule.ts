import type { StoreInternals } from '../StoreInternals';
import { PARTICIPANTS, SCHEDULES, VERSIONS } from './rows';

/** Tables whose rows belong to a schedule (by `schedule_id`). */
const DEPENDENTS = [
  VERSIONS,
  PARTICIPANTS,
  'oncall_overrides',
  'oncall_temporary_schedules',
];

/**
 * Deletes a schedule at `version` with everything that belongs to it, in one
 * transaction. False when missing, 'conflict' when at another version.
 */
export async function deleteSchedule(
  internals: StoreInternals,
  id: string,
  version: number,
): Promise<boolean | 'conflict'> {
  return internals.db.transaction(async tx => {
    const deleted = await tx(SCHEDULES).where({ id, version }).delete();
    if (deleted !== 1) {
      const exists = await tx(SCHEDULES).where('id', id).first('id');
      return exists ? 'conflict' : false;
    }
    for (const table of DEPENDENTS) {
      await tx(table).where('schedule_id', id).delete();
    }
    return true;
  });
}
