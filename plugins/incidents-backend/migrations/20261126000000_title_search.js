/*
 * The incident list's title search (`q`, a case-insensitive substring) scans
 * every incident without an index. On PostgreSQL a trigram index on
 * lower(title) serves `lower(title) like '%…%'` directly. pg_trgm ships with
 * PostgreSQL and is a trusted extension (13+), so the plugin's database
 * owner may create it; where it cannot, the search stays a scan and the
 * migration still succeeds. SQLite (development) keeps the scan.
 */

const INDEX = 'incidents_title_trgm_idx';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  try {
    // A savepoint: a refused CREATE EXTENSION must not abort the migration.
    await knex.transaction(async trx => {
      await trx.raw('create extension if not exists pg_trgm');
      await trx.raw(
        `create index if not exists ${INDEX} on incidents using gin (lower(title) gin_trgm_ops)`,
      );
    });
  } catch (error) {
    // eslint-disable-next-line no-console
    console.warn(
      `incidents: no trigram index for title search (${error.message}); searching by title scans the incidents`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  // The extension stays: other plugins in the database may use it.
  await knex.raw(`drop index if exists ${INDEX}`);
};
