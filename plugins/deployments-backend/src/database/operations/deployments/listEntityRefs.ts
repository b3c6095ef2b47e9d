import type { StoreInternals } from '../StoreInternals';
import { DEPLOYMENTS } from './rows';

/** Every entity ref with records, once each. */
export async function listEntityRefs(
  internals: StoreInternals,
): Promise<string[]> {
  const rows: { entity_ref: string }[] = await internals
    .db(DEPLOYMENTS)
    .distinct('entity_ref')
    .orderBy('entity_ref');
  return rows.map(row => row.entity_ref);
}
