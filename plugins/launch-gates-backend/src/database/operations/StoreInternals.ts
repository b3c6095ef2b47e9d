import type { Knex } from 'knex';

/**
 * What store operations (`./<area>/<verb>.ts`) use of
 * DatabaseLaunchGatesStore, so each operation lives in its own file.
 */
export interface StoreInternals {
  readonly db: Knex;
  readonly isPostgres: boolean;
  /** A new row id (a UUID). */
  newId(): string;
}

/** PostgreSQL returns bigint columns as strings. */
export const isoOf = (value: number | string) =>
  new Date(Number(value)).toISOString();
export const isoOrNull = (value: number | string | null) =>
  value === null ? null : isoOf(value);
/** An ISO instant as stored: epoch milliseconds (UTC). */
export const msOf = (iso: string) => Date.parse(iso);
export const msOrNull = (iso: string | null | undefined) =>
  iso === null || iso === undefined ? null : Date.parse(iso);
