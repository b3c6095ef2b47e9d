import type { Knex } from 'knex';

/**
 * What store operations (`./<area>/<verb>.ts`) use of DatabaseRumStore, so
 * each operation lives in its own file. `db` may be a transaction.
 */
export interface StoreInternals {
  readonly db: Knex;
  readonly isPostgres: boolean;
}

export const HOUR_MS = 3_600_000;

/** The start of the UTC hour of an instant (the aggregates' key). */
export const hourStart = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

/** bigint columns come back as strings from PostgreSQL. */
export const toNumber = (value: number | string | null | undefined) =>
  value === null || value === undefined ? 0 : Number(value);
