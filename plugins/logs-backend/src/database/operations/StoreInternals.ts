import type { Knex } from 'knex';

/** What the store's operations share: the PostgreSQL client. */
export interface StoreInternals {
  db: Knex;
}
