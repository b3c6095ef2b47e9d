import type { StoreInternals } from '../StoreInternals';

/** Every entity some incident affects, sorted. */
export async function incidentEntityRefs(
  internals: StoreInternals,
): Promise<string[]> {
  const rows: Array<{ entity_ref: string }> = await internals
    .db('incident_entities')
    .distinct('entity_ref')
    .orderBy('entity_ref');
  return rows.map(row => row.entity_ref);
}
