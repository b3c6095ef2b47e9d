// The on-call plugin's database before the backend starts. SQLite: the file
// Backstage's SQLite connector uses for plugin `oncall`, in an emptied
// directory; PostgreSQL: the benchmark's `<prefix>*` databases dropped and
// `<prefix>oncall` created. Seeding runs the plugin's own code in a child
// process (seed-schedules.cjs), started the way the incidents benchmark
// starts its own (runPluginScript).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import { runPluginScript } from '../incidents/seed-database.mjs';
import { log } from '../lib/report.mjs';

/** Runs one of this directory's scripts that load the plugin's TypeScript. */
export const runOnCallScript = (script, options) =>
  runPluginScript(path.join('..', 'oncall', script), options);

/** The knex config of plugin `oncall`'s database, as the backend opens it. */
export function oncallDatabase(cfg) {
  return cfg.postgres
    ? // Backstage's pluginDivisionMode `database`: <prefix><pluginId>.
      {
        client: 'pg',
        connection: { ...cfg.pg, database: `${cfg.pgPrefix}oncall` },
      }
    : // One file per plugin: <directory>/<pluginId>.sqlite.
      {
        client: 'better-sqlite3',
        connection: {
          filename: path.join(cfg.sqliteDirectory, 'oncall.sqlite'),
        },
        useNullAsDefault: true,
      };
}

/** Drops every PostgreSQL database of the benchmark, then creates `database`. */
async function recreatePostgres(cfg, database) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...cfg.pg, database: 'postgres' },
  });
  try {
    const existing = await admin('pg_database')
      .where('datname', 'like', `${cfg.pgPrefix}%`)
      .pluck('datname');
    for (const name of existing) {
      await admin.raw('drop database if exists ?? with (force)', [name]);
    }
    await admin.raw('create database ??', [database]);
  } finally {
    await admin.destroy();
  }
}

/**
 * Empties the database, then seeds it (the plugin's migrations first).
 * Returns the child's figures (schedule ids by group, counts) and the wall
 * time in ms, the child's start-up included.
 */
export async function seedOnCallDatabase(cfg, now) {
  const started = performance.now();
  const knex = oncallDatabase(cfg);
  // Every plugin's SQLite file: a fresh backend start, as on PostgreSQL.
  fs.rmSync(cfg.sqliteDirectory, { recursive: true, force: true });
  fs.mkdirSync(cfg.sqliteDirectory, { recursive: true });
  if (cfg.postgres) await recreatePostgres(cfg, knex.connection.database);
  // Concurrent transactions keep PostgreSQL busy while Node plans the next
  // batch; SQLite has one writer.
  const workers = cfg.postgres ? 3 : 1;
  if (cfg.postgres) knex.pool = { min: 0, max: workers };
  const seeded = await runOnCallScript('seed-schedules.cjs', {
    knex,
    schedules: cfg.schedules,
    groups: cfg.groups,
    layers: cfg.layers,
    overrides: cfg.overrides,
    seed: cfg.seed,
    now,
    workers,
  });
  log(
    `seeded ${seeded.schedules.length} schedules (${seeded.edited} edited, ${seeded.layers} layers), ${seeded.overrides} overrides, ${seeded.temporarySchedules} temporary schedules, ${seeded.policies} policies`,
  );
  return { seeded, seedMs: Math.round(performance.now() - started) };
}
