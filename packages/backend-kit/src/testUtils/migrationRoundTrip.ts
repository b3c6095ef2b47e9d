import type { Knex } from 'knex';

/**
 * What a database holds, as the round trip compares it.
 * @public
 */
export interface SchemaSnapshot {
  /** `table: column, column, ...` per table, sorted (knex's own tables left out). */
  tables: string[];
  /** Index names, sorted (primary keys and SQLite's automatic ones left out). */
  indexes: string[];
}

const KNEX_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

const isPostgres = (knex: Knex) =>
  String(knex.client.config.client).includes('pg');

/**
 * The tables with their columns, and the indexes, of the database `knex` is on.
 * @public
 */
export async function schemaSnapshot(knex: Knex): Promise<SchemaSnapshot> {
  let tableNames: string[];
  let indexes: string[];
  if (isPostgres(knex)) {
    const tables = await knex.raw(
      'select tablename as name from pg_tables where schemaname = current_schema()',
    );
    tableNames = tables.rows.map((row: { name: string }) => row.name);
    const found = await knex.raw(
      `select indexname as name from pg_indexes where schemaname = current_schema() and indexname not like '%_pkey'`,
    );
    indexes = found.rows.map((row: { name: string }) => row.name);
  } else {
    const tables: { name: string }[] = await knex.raw(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
    );
    tableNames = tables.map(row => row.name);
    const found: { name: string }[] = await knex.raw(
      `select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'`,
    );
    indexes = found.map(row => row.name);
  }
  const tables: string[] = [];
  for (const name of tableNames.filter(n => !KNEX_TABLES.has(n)).sort()) {
    const columns = Object.keys(await knex(name).columnInfo()).sort();
    tables.push(`${name}: ${columns.join(', ')}`);
  }
  return {
    tables,
    indexes: indexes.filter(n => !n.startsWith('knex_migrations')).sort(),
  };
}

function differences(
  expected: SchemaSnapshot,
  actual: SchemaSnapshot,
): string[] {
  const diff = (what: string, want: string[], got: string[]) => [
    ...want
      .filter(item => !got.includes(item))
      .map(item => `missing ${what} ${item}`),
    ...got
      .filter(item => !want.includes(item))
      .map(item => `unexpected ${what} ${item}`),
  ];
  return [
    ...diff('table', expected.tables, actual.tables),
    ...diff('index', expected.indexes, actual.indexes),
  ];
}

/**
 * What `migrationRoundTrip` did.
 * @public
 */
export interface MigrationRoundTripReport {
  /** The migration files, in the order they ran up. */
  migrations: string[];
  /** One line per step: `up <file>`, `down <file>`, `latest`. */
  steps: string[];
}

/**
 * Runs the migrations in `directory` up one at a time, down one at a time
 * and up again (knex's `migrate.up`, `migrate.down`, `migrate.latest`) on
 * the empty database `knex` is on, and checks after every down step that
 * the tables (with their columns) and indexes are what they were before the
 * matching up step, and after the last up that they are what the first
 * pass left. Throws naming the migration and what differs; returns the
 * steps it took. The procedure of techdocs/docs/production.md, "Database
 * migrations", tested.
 * @public
 */
export async function migrationRoundTrip(
  knex: Knex,
  directory: string,
): Promise<MigrationRoundTripReport> {
  const config = { directory };
  const [, pending] = (await knex.migrate.list(config)) as [
    unknown[],
    { file: string }[],
  ];
  const migrations = pending.map(m => m.file);
  if (migrations.length === 0) {
    throw new Error(`No pending migrations in ${directory}`);
  }
  const steps: string[] = [];
  const check = (
    step: string,
    expected: SchemaSnapshot,
    actual: SchemaSnapshot,
  ) => {
    const problems = differences(expected, actual);
    if (problems.length > 0) {
      throw new Error(`After ${step}: ${problems.join('; ')}`);
    }
  };

  // Up, one at a time: the schema before each migration.
  const before: SchemaSnapshot[] = [];
  for (const migration of migrations) {
    before.push(await schemaSnapshot(knex));
    await knex.migrate.up(config);
    steps.push(`up ${migration}`);
  }
  const latest = await schemaSnapshot(knex);

  // Down, one at a time: each undoes exactly its migration.
  for (let i = migrations.length - 1; i >= 0; i -= 1) {
    await knex.migrate.down(config);
    const step = `down ${migrations[i]}`;
    steps.push(step);
    check(step, before[i], await schemaSnapshot(knex));
  }

  // Up again: the same schema as the first time.
  await knex.migrate.latest(config);
  steps.push('latest');
  check('migrating up again', latest, await schemaSnapshot(knex));
  return { migrations, steps };
}
