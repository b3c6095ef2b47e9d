// The benchmark's own database (created fresh, dropped at the end unless
// --keep), migrated with the logs backend's migration.
import { createRequire } from 'node:module';
import { log } from '../lib/report.mjs';

const require = createRequire(import.meta.url);
const knexFactory = require('knex');
const { MIGRATIONS } = require('./store.cjs');

/** The URL of `database` on the server of --pg (pg ignores a separate `database` key next to a URL). */
const urlOf = (cfg, database) => {
  const url = new URL(cfg.pgUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const admin = cfg =>
  knexFactory({ client: 'pg', connection: urlOf(cfg, 'postgres') });

export async function createDatabase(cfg) {
  const db = admin(cfg);
  try {
    await db.raw(`DROP DATABASE IF EXISTS ${cfg.database} WITH (FORCE)`);
    await db.raw(`CREATE DATABASE ${cfg.database}`);
  } finally {
    await db.destroy();
  }
  const knex = knexFactory({
    client: 'pg',
    connection: urlOf(cfg, cfg.database),
    pool: { min: 0, max: 8 },
  });
  const [{ name }] = (await knex.raw('SELECT current_database() AS name')).rows;
  if (name !== cfg.database)
    throw new Error(`connected to ${name}, not ${cfg.database}`);
  await knex.migrate.latest({ directory: MIGRATIONS });
  log(`database ${cfg.database} created and migrated`);
  return knex;
}

export async function dropDatabase(cfg) {
  const db = admin(cfg);
  try {
    await db.raw(`DROP DATABASE IF EXISTS ${cfg.database} WITH (FORCE)`);
    log(`database ${cfg.database} dropped`);
  } finally {
    await db.destroy();
  }
}

/** The connection URL of the benchmark database (for rsyslog's ompgsql). */
export const databaseUrl = cfg => urlOf(cfg, cfg.database);
