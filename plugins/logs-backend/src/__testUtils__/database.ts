import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { logsMigrations, PostgresLogStore } from '../database/PostgresLogStore';

/*
 * The store's tests run on PostgreSQL only: the store is partitioned
 * tables, a GIN full-text index and websearch_to_tsquery, none of which
 * SQLite has (the plugin answers 503 there; router.test.ts covers that).
 */

/** The PostgreSQL 15 of the test command; call once per file, at top level. */
export function postgresDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['POSTGRES_15'], disableDocker: true });
}

/** `it` when the test command gave a PostgreSQL, else skipped. */
export const onPostgres = (databases: TestDatabases) =>
  databases.supports('POSTGRES_15') ? it : it.skip;

/** A fresh, migrated database and the store on it. */
export async function migratedStore(databases: TestDatabases) {
  const knex = await databases.init('POSTGRES_15');
  await logsMigrations.migrate(knex);
  return { knex, store: new PostgresLogStore(knex) };
}

export interface TestLine {
  ts: string | Date;
  service?: string;
  host?: string;
  level?: string;
  message?: string;
  request_id?: string;
  trace_id?: string;
  span_id?: string;
  fields?: object;
}

/** Inserts lines as the shipper does (its columns only). */
export async function insertLines(knex: Knex, lines: TestLine[]) {
  await knex('log_lines').insert(
    lines.map(line => ({
      service: 'scoring-api',
      host: 'test-host',
      level: 'info',
      message: 'request completed',
      ...line,
      ts: new Date(line.ts).toISOString(),
      fields: JSON.stringify(line.fields ?? {}),
    })),
  );
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;
