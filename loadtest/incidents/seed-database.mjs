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

/** The knex config of an empty database for plugin `incidents`. */
async function emptySeedDatabase(cfg) {
  if (!cfg.postgres) {
    fs.mkdirSync(path.join(cfg.work, 'sqlite'), { recursive: true });
    // Backstage's SQLite connector: one file per plugin, <directory>/<pluginId>.sqlite.
    const filename = path.join(cfg.work, 'sqlite', 'incidents.sqlite');
    fs.rmSync(filename, { force: true });
    return {
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    };
  }
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
    // Backstage's pluginDivisionMode `database`: <prefix><pluginId>.
    await admin.raw('create database ??', [`${cfg.pgPrefix}incidents`]);
  } finally {
    await admin.destroy();
  }
  return {
    client: 'pg',
    connection: { ...cfg.pg, database: `${cfg.pgPrefix}incidents` },
  };
}

/** Runs seed-incidents.cjs; resolves with what it printed (JSON). */
function runSeeder(options) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'loadtest/incidents/seed-incidents.cjs'),
        JSON.stringify(options),
      ],
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
      else reject(new Error(`seeding failed (${signal ?? `exit ${code}`})`));
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
  const seeded = await runSeeder({
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
