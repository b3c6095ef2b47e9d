/*
 * The incident list's title search (`q`, a case-insensitive substring) scans
 * every incident without an index. On PostgreSQL a trigram index on
 * lower(title) serves `lower(title) like '%…%'` directly. pg_trgm ships with
 * PostgreSQL and is a trusted extension (13+), so the plugin's database
 * owner may create it. Where it cannot, the migration fails and says so: a
 * migration recorded as applied must have done its work (an operator can
 * create the extension as a superuser and restart). SQLite (development)
 * keeps the scan.
 */

const INDEX = 'incidents_title_trgm_idx';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  try {
    await knex.raw('create extension if not exists pg_trgm');
  } catch (error) {
    throw new Error(
      `incidents: cannot create the pg_trgm extension for title search (${error.message}); create it once as a superuser ('create extension pg_trgm') in the plugin's database and start again`,
    );
  }
  await knex.raw(
    `create index if not exists ${INDEX} on incidents using gin (lower(title) gin_trgm_ops)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  // The extension stays: other plugins in the database may use it.
  await knex.raw(`drop index if exists ${INDEX}`);
};
