/*
 * How SLO evaluation went, shared by every replica: the evaluation task runs
 * on one replica at a time (scope global), but any replica answers
 * GET /status, so the outcome of each cycle is kept here, not in memory.
 * One row per data source; today only `prometheus`. Times are epoch
 * milliseconds, as in the other tables.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_evaluation_status', table => {
    table.string('source').primary().notNullable();
    // Start of the latest cycle, whatever its outcome.
    table.bigInteger('last_attempt_at').notNullable();
    // Start of the latest cycle that got its figures from Prometheus.
    table.bigInteger('last_success_at');
    // First failed cycle of the current outage; NULL while reachable.
    table.bigInteger('unreachable_since');
    // Why the latest cycle failed (short, without credentials).
    table.text('last_error');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_evaluation_status');
};
