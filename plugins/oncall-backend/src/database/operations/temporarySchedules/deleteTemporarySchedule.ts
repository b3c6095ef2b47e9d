import type { StoreInternals } from '../StoreInternals';
import { TEMPORARY_SCHEDULES } from './rows';

/** False when there was no such temporary schedule. */
export async function deleteTemporarySchedule(
  internals: StoreInternals,
  id: string,
): Promise<boolean> {
  const deleted = await internals
    .db(TEMPORARY_SCHEDULES)
    .where('id', id)
    .delete();
  return deleted === 1;
}
