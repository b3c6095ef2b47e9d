// Seeds part 2's incidents straight into the plugin's database before the
// backend starts: the plugin's own migrations, then bulk inserts of rows
// built by hand (seed-data.mjs). SQLite: the file Backstage's SQLite
// connector uses for plugin `incidents`; PostgreSQL: databases
// `<prefix>*` dropped, `<prefix>incidents` created.
import knexFactory from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rngFrom } from '../lib/random.mjs';
import { seedIncident } from './seed-data.mjs';

async function openSeedDatabase(cfg) {
  if (!cfg.postgres) {
    fs.mkdirSync(path.join(cfg.work, 'sqlite'), { recursive: true });
    // Backstage's SQLite connector: one file per plugin, <directory>/<pluginId>.sqlite.
    return knexFactory({
      client: 'better-sqlite3',
      connection: {
        filename: path.join(cfg.work, 'sqlite', 'incidents.sqlite'),
      },
      useNullAsDefault: true,
    });
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
  return knexFactory({
    client: 'pg',
    connection: { ...cfg.pg, database: `${cfg.pgPrefix}incidents` },
  });
}

/** Creates the plugin's tables with its own migrations, then inserts the rows. */
export async function seedDatabase(cfg, count) {
  const started = performance.now();
  const db = await openSeedDatabase(cfg);
  try {
    await db.migrate.latest({ directory: cfg.migrations });
    if (count === 0) return 0;
    const rng = rngFrom(cfg.seed * 7919 + 1);
    const now = Date.now();
    const chunk = cfg.postgres ? 1000 : 40;
    await db.transaction(async tx => {
      let incidents = [];
      let entities = [];
      let owners = [];
      const flush = async () => {
        await tx.batchInsert('incidents', incidents, chunk);
        await tx.batchInsert('incident_entities', entities, chunk * 4);
        await tx.batchInsert('incident_owners', owners, chunk * 4);
        incidents = [];
        entities = [];
        owners = [];
      };
      for (let i = 0; i < count; i++) {
        const row = seedIncident(rng, now);
        incidents.push(row.incident);
        entities.push(...row.entities);
        owners.push(...row.owners);
        if (incidents.length >= 5000) await flush();
      }
      await flush();
    });
    // PostgreSQL's autovacuum would analyze a table this size; Backstage never
    // runs ANALYZE on SQLite, so neither does the benchmark.
    if (cfg.postgres) await db.raw('analyze');
    return Math.round(performance.now() - started);
  } finally {
    await db.destroy();
  }
}
