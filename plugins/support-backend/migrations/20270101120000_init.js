/*
 * The support backend's tables. Instants are epoch milliseconds (UTC) in
 * bigint columns so SQLite and PostgreSQL compare them alike; the context
 * the app sent is JSON text read whole. Lists page by created_at, so each
 * filter has an index ending with it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('support_tickets', table => {
    table.string('id', 36).primary().notNullable();
    table.string('reporter_ref', 400).notNullable();
    table.text('text').notNullable();
    table.text('context').notNullable();
    table.string('status', 20).notNullable();
    // Optimistic concurrency: a change names the version it was made on.
    table.integer('version').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 400);
    table.index(['reporter_ref', 'created_at'], 'support_tickets_reporter_idx');
    table.index(['status', 'created_at'], 'support_tickets_status_idx');
    table.index(['created_at'], 'support_tickets_created_idx');
  });
  await knex.schema.createTable('support_feedback', table => {
    table.string('id', 36).primary().notNullable();
    table.string('reporter_ref', 400).notNullable();
    table.integer('rating').notNullable();
    table.text('text').notNullable();
    table.text('context').notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['created_at'], 'support_feedback_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('support_feedback');
  await knex.schema.dropTable('support_tickets');
};
