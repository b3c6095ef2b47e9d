import type { Knex } from 'knex';
import {
  TimelineEntry,
  TimelineEvent,
  toMillis,
} from '@vigil/backstage-plugin-incidents-common';
import type { StoredIncident } from '../../IncidentStore';
import { insertChunked } from '../queries';
import { appendEvents } from '../timeline/appendEvents';
import { incidentToRow } from './rows';

/** Writes the incident's entity and owner rows, replacing any there are. */
export async function writeIncidentRelations(
  tx: Knex.Transaction,
  stored: StoredIncident,
  replace: boolean,
): Promise<void> {
  const id = stored.incident.id;
  const declaredAt = toMillis(stored.incident.timestamps.declaredAt);
  if (replace) {
    await tx('incident_entities').where({ incident_id: id }).delete();
    await tx('incident_owners').where({ incident_id: id }).delete();
  }
  const entities = stored.incident.entityRefs.map(entity_ref => ({
    incident_id: id,
    entity_ref,
    declared_at: declaredAt,
  }));
  const owners = [...new Set(stored.ownerRefs)].map(owner_ref => ({
    incident_id: id,
    owner_ref,
    declared_at: declaredAt,
  }));
  await insertChunked(tx, 'incident_entities', entities);
  await insertChunked(tx, 'incident_owners', owners);
}

/** Inserts an incident with its entity/owner rows and timeline events. */
export async function insertIncident(
  tx: Knex.Transaction,
  stored: StoredIncident,
  events: TimelineEvent[],
): Promise<TimelineEntry[]> {
  await tx('incidents').insert(
    incidentToRow(stored.incident, stored.ownerRefs),
  );
  await writeIncidentRelations(tx, stored, false);
  return appendEvents(tx, stored.incident.id, events);
}

/**
 * Writes a new state of a (locked) incident whose stored version is
 * `version`. The version guard makes a lost update impossible even where
 * the row lock is not taken (SQLite serializes writers instead).
 */
export async function updateIncident(
  tx: Knex.Transaction,
  stored: StoredIncident,
  version: number,
): Promise<void> {
  const id = stored.incident.id;
  const updated = await tx('incidents')
    .where({ id, version })
    .update(incidentToRow(stored.incident, stored.ownerRefs));
  if (updated !== 1) throw new Error(`Concurrent update of incident ${id}`);
}
