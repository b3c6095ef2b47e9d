import type { Knex } from 'knex';
import type { StoredIncident } from '../../IncidentStore';
import type { StoreInternals } from '../StoreInternals';
import { IncidentRow, rowToIncident } from './rows';

/** Reads an incident with its owners, locking its row when `forUpdate`. */
export async function readIncident(
  internals: Pick<StoreInternals, 'lock'>,
  db: Knex | Knex.Transaction,
  id: string,
  forUpdate = false,
): Promise<StoredIncident | undefined> {
  const query = db<IncidentRow>('incidents').where({ id }).first();
  const row: IncidentRow | undefined = await (forUpdate
    ? internals.lock(query)
    : query);
  if (!row) return undefined;
  return {
    incident: rowToIncident(row),
    ownerRefs: JSON.parse(row.owner_refs),
  };
}

export async function getIncident(
  internals: StoreInternals,
  id: string,
): Promise<StoredIncident | undefined> {
  return readIncident(internals, internals.db, id);
}
