import type { Knex } from 'knex';

/**
 * Deletes the evaluation history of every SLO of an entity in `namespace`
 * (the sandbox's); returns the number of rows. Entity refs are stored
 * lowercase as `kind:namespace/name`, and neither a kind nor a name holds a
 * `:` or a `/`, so `:<namespace>/` can only be the namespace. Definitions and
 * current statuses stay: the catalog and the next evaluation own them.
 */
export async function purgeHistory(
  db: Knex,
  namespace: string,
): Promise<number> {
  const escaped = namespace
    .toLocaleLowerCase('en-US')
    .replace(/[\\%_]/g, char => `\\${char}`);
  return await db('slo_evaluations')
    .whereRaw(`entity_ref like ? escape '\\'`, [`%:${escaped}/%`])
    .delete();
}
