/*
 * The incident list's title search (`q`) on SQLite: an FTS5 trigram index of
 * incident titles (SQLite 3.34+; better-sqlite3 bundles its own), matched
 * with the search text as one phrase, a substring match, instead of reading
 * every incident (whereTitleContains in src/database/operations/queries.ts).
 * PostgreSQL has its trigram index from 20261126000000_title_search.
 *
 * The index is an external-content FTS5 table over `incidents` (titles are
 * not stored twice), kept in step by triggers, keyed by the incidents' rowid.
 * Those rowids are stable for everything the plugin does; a manual VACUUM
 * may renumber them (the table has no INTEGER PRIMARY KEY), after which
 * `insert into incident_title_trigrams(incident_title_trigrams)
 * values ('rebuild')` makes the index whole again. A later migration that
 * makes knex rebuild `incidents` on SQLite (altering a column) drops these
 * triggers and must create them again.
 */

const TABLE = 'incident_title_trigrams';
const TRIGGERS = ['insert', 'delete', 'update'].map(
  event => `incidents_title_trigrams_${event}`,
);

const isSqlite = knex => String(knex.client.config.client).includes('sqlite');

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!isSqlite(knex)) return;
  await knex.raw(
    `create virtual table ${TABLE} using fts5(title, content='incidents', content_rowid='rowid', tokenize='trigram')`,
  );
  await knex.raw(`create trigger ${TRIGGERS[0]} after insert on incidents begin
    insert into ${TABLE}(rowid, title) values (new.rowid, new.title);
  end`);
  await knex.raw(`create trigger ${TRIGGERS[1]} after delete on incidents begin
    insert into ${TABLE}(${TABLE}, rowid, title) values ('delete', old.rowid, old.title);
  end`);
  await knex.raw(`create trigger ${TRIGGERS[2]} after update of title on incidents begin
    insert into ${TABLE}(${TABLE}, rowid, title) values ('delete', old.rowid, old.title);
    insert into ${TABLE}(rowid, title) values (new.rowid, new.title);
  end`);
  // The incidents already there.
  await knex.raw(`insert into ${TABLE}(${TABLE}) values ('rebuild')`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!isSqlite(knex)) return;
  for (const trigger of TRIGGERS) {
    await knex.raw(`drop trigger if exists ${trigger}`);
  }
  await knex.raw(`drop table if exists ${TABLE}`);
};
