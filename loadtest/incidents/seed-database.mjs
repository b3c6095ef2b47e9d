// Seeds part 2's incidents into the plugin's database before the backend
// starts. SQLite: the file Backstage's SQLite connector uses for plugin
// `incidents`; PostgreSQL: databases `<prefix>*` dropped, `<prefix>incidents`
// created. The seeding itself runs the plugin's own code (migrations,
// domain functions, store) in a child process: seed-incidents.cjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import { root } from '../lib/process.mjs';
import { log } from '../lib/report.mjs';

/** The knex config of plugin `incidents`' database, as the backend opens it. */
export function incidentsDatabase(cfg) {
  if (!cfg.postgres) {
    return {
      client: 'better-sqlite3',
      // Backstage's SQLite connector: one file per plugin, <directory>/<pluginId>.sqlite.
      connection: {
        filename: path.join(cfg.work, 'sqlite', 'incidents.sqlite'),
      },
      useNullAsDefault: true,
    };
  }
  // Backstage's pluginDivisionMode `database`: <prefix><pluginId>.
  return {
    client: 'pg',
    connection: { ...cfg.pg, database: `${cfg.pgPrefix}incidents` },
  };
}

/** The knex config of an empty database for plugin `incidents`. */
async function emptySeedDatabase(cfg) {
  const config = incidentsDatabase(cfg);
  if (!cfg.postgres) {
    fs.mkdirSync(path.dirname(config.connection.filename), { recursive: true });
    fs.rmSync(config.connection.filename, { force: true });
    return config;
  }
  await dropDatabases(cfg, config.connection.database);
  return config;
}

/**
 * Drops every PostgreSQL database of `cfg.pgPrefix` (the backend's, one per
 * plugin), then creates `create` if given.
 */
export async function dropDatabases(cfg, create) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...cfg.pg, database: 'postgres' },
  });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${cfg.pgPrefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
    if (create) await admin.raw('create database ??', [create]);
  } finally {
    await admin.destroy();
  }
}

/**
 * Runs one of this directory's scripts that load the plugin's TypeScript
 * (seed-incidents.cjs, page-read.cjs) with `options` as its argument;
 * resolves with what it printed (JSON).
 */
export function runPluginScript(script, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'loadtest/incidents', script), JSON.stringify(options)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const stop = () => child.kill();
    process.on('exit', stop);
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('exit', stop);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`${script} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * Seeds `count` incidents (migrations first, even for 0); returns the wall
 * time in ms, the child's start-up included.
 */
export async function seedDatabase(cfg, count) {
  const started = performance.now();
  const knex = await emptySeedDatabase(cfg);
  // Concurrent transactions keep PostgreSQL busy while Node builds the next
  // batch; SQLite has one writer.
  const workers = cfg.postgres ? 3 : 1;
  if (cfg.postgres) knex.pool = { min: 0, max: workers };
  const seeded = await runPluginScript('seed-incidents.cjs', {
    knex,
    count,
    seed: cfg.seed,
    now: Date.now(),
    workers,
  });
  log(
    `seeded ${seeded.incidents} incidents with ${seeded.events} timeline events, ${seeded.postmortems} postmortems, ${seeded.actionItems} action items`,
  );
  return Math.round(performance.now() - started);
}
