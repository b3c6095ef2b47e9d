import type { Knex } from 'knex';
import type {
  TimelineEntry,
  TimelineEvent,
} from '@vigil/backstage-plugin-incidents-common';
import type { StoredIncident } from '../IncidentStore';

/**
 * What store operations (`./<area>/<verb>.ts`) use of DatabaseIncidentStore:
 * its connection, locking and incident row mapping, so each operation lives
 * in its own file with its own test while sharing one way to read and write
 * incidents.
 */
export interface StoreInternals {
  readonly db: Knex;
  readonly isPostgres: boolean;
  /** `FOR UPDATE` on PostgreSQL; SQLite serializes writers by itself. */
  lock<T extends Knex.QueryBuilder>(query: T): T;
  readIncident(
    db: Knex | Knex.Transaction,
    id: string,
    forUpdate?: boolean,
  ): Promise<StoredIncident | undefined>;
  /** Inserts an incident with its entity/owner rows and timeline events. */
  insertIncident(
    tx: Knex.Transaction,
    stored: StoredIncident,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]>;
  /** Writes a new state of a (locked) incident whose stored version is `version`. */
  updateIncident(
    tx: Knex.Transaction,
    stored: StoredIncident,
    version: number,
  ): Promise<void>;
  appendEvents(
    tx: Knex.Transaction,
    incidentId: string,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]>;
}
