import type { Knex } from 'knex';

/**
 * What store operations (`./<area>/<verb>.ts`) use of
 * DatabaseDeploymentsStore, so each operation lives in its own file.
 */
export interface StoreInternals {
  readonly db: Knex;
  readonly isPostgres: boolean;
  /** A new row id (a UUID). */
  newId(): string;
}
