import type { StoreInternals } from '../StoreInternals';
import { REPORTS } from '../reports/rows';
import { REVIEWS } from './rows';

/** Every entity ref with reviews or reports, once each. */
export async function listEntityRefs(
  internals: StoreInternals,
): Promise<string[]> {
  const rows: { entity_ref: string }[] = await internals.db
    .select('entity_ref')
    .from(REVIEWS)
    .union(q => q.select('entity_ref').from(REPORTS));
  return [...new Set(rows.map(row => row.entity_ref))].sort();
}
