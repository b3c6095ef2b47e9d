/*
 * The deployments backend's table: one row per deploy, rollback or drill
 * record. Instants are epoch milliseconds (UTC) in bigint columns so SQLite
 * and PostgreSQL compare and sort them alike; structured values (releases,
 * steps, smoke checks, a drill's result) are JSON text, read whole.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.string('id', 36).primary().notNullable();
    // Normalised (`kind:namespace/name`, lower case).
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 60).notNullable();
    table.string('kind', 16).notNullable();
    table.string('outcome', 16).notNullable();
    table.text('release').notNullable();
    table.text('previous');
    table.string('from_color', 8);
    table.string('to_color', 8);
    // A user entity ref or a service's subject.
    table.text('recorded_by').notNullable();
    table.string('operator', 200);
    table.text('reason');
    table.bigInteger('started_at').notNullable();
    table.bigInteger('traffic_switched_at');
    table.bigInteger('finished_at');
    table.text('steps').notNullable();
    table.text('smoke').notNullable();
    table.text('drill');
    // Optimistic concurrency: every update names the revision it changes.
    table.integer('revision').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    // An entity's records, newest first (the tab, DORA figures, "what changed").
    table.index(['entity_ref', 'started_at', 'id'], 'deployments_entity_idx');
    // Every readable record, newest first (the list without an entity).
    table.index(['started_at', 'id'], 'deployments_started_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployments');
};
