/*
 * The RUM backend's tables. Instants are epoch milliseconds (UTC) in bigint
 * columns so SQLite and PostgreSQL compare them alike; page loads and web
 * vitals are aggregated per hour and route pattern (bounded rows, no URLs);
 * error groups keep JSON text (releases, routes, stacks) read whole.
 * Nothing here is personal: users are SHA-256 hashes of their entity ref.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rum_sessions', table => {
    table.string('session_id', 200).primary().notNullable();
    table.string('user_hash', 64);
    table.string('app_release', 200);
    table.bigInteger('started_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    // Set once, by the first exception of the session.
    table.boolean('has_error').notNullable().defaultTo(false);
    table.index(['last_seen_at'], 'rum_sessions_last_seen_idx');
  });
  await knex.schema.createTable('rum_page_loads', table => {
    table.bigInteger('hour_start').notNullable();
    table.string('route', 200).notNullable();
    table.integer('count').notNullable();
    table.primary(['hour_start', 'route']);
  });
  await knex.schema.createTable('rum_vital_buckets', table => {
    table.bigInteger('hour_start').notNullable();
    table.string('route', 200).notNullable();
    table.string('vital', 8).notNullable();
    // Index into WEB_VITAL_BUCKETS[vital] (its length: the +Inf bucket).
    table.integer('bucket').notNullable();
    table.integer('count').notNullable();
    table.primary(['hour_start', 'route', 'vital', 'bucket']);
  });
  await knex.schema.createTable('rum_error_groups', table => {
    table.string('fingerprint', 16).primary().notNullable();
    table.string('type', 500).notNullable();
    table.text('message').notNullable();
    table.text('normalized_message').notNullable();
    table.text('top_frame').notNullable();
    table.integer('count').notNullable();
    table.integer('session_count').notNullable();
    table.bigInteger('first_seen').notNullable();
    table.bigInteger('last_seen').notNullable();
    table.string('last_release', 200);
    table.text('releases').notNullable();
    table.text('routes').notNullable();
    table.text('stack').notNullable();
    table.text('raw_stack').notNullable();
    table.boolean('mapped').notNullable();
    table.index(['last_seen'], 'rum_error_groups_last_seen_idx');
  });
  // Which sessions raised which group (a group's session count, once each).
  await knex.schema.createTable('rum_error_sessions', table => {
    table.string('fingerprint', 16).notNullable();
    table.string('session_id', 200).notNullable();
    table.bigInteger('seen_at').notNullable();
    table.primary(['fingerprint', 'session_id']);
    table.index(['seen_at'], 'rum_error_sessions_seen_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rum_error_sessions');
  await knex.schema.dropTable('rum_error_groups');
  await knex.schema.dropTable('rum_vital_buckets');
  await knex.schema.dropTable('rum_page_loads');
  await knex.schema.dropTable('rum_sessions');
};
