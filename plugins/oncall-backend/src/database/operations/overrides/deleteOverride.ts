import type { StoreInternals } from '../StoreInternals';
import { OVERRIDES } from './rows';

/** False when there was no such override. */
export async function deleteOverride(
  internals: StoreInternals,
  id: string,
): Promise<boolean> {
  return (await internals.db(OVERRIDES).where('id', id).delete()) === 1;
}
