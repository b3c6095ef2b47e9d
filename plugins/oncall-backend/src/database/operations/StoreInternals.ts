import type { Knex } from 'knex';

/**
 * What store operations (`./<area>/<verb>.ts`) use of DatabaseOnCallStore,
 * so each operation lives in its own file with its own test.
 */
export interface StoreInternals {
  readonly db: Knex;
  readonly isPostgres: boolean;
  /** A new row id (a UUID). */
  newId(): string;
}
