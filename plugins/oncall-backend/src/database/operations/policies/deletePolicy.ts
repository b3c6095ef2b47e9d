import type { StoreInternals } from '../StoreInternals';
import { POLICIES } from './rows';

/**
 * Deletes a policy at `version`: false when missing, 'conflict' when at
 * another version. Running pages keep their copy of its steps.
 */
export async function deletePolicy(
  internals: StoreInternals,
  id: string,
  version: number,
): Promise<boolean | 'conflict'> {
  const { db } = internals;
  const deleted = await db(POLICIES).where({ id, version }).delete();
  if (deleted === 1) return true;
  return (await db(POLICIES).where('id', id).first('id')) ? 'conflict' : false;
}
