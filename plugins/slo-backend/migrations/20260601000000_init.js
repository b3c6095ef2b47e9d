/*
 * Tables of the SLO backend. Times are epoch milliseconds (UTC) in bigint
 * columns so SQLite and PostgreSQL compare and sort them the same way.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // No foreign keys: the spec refresh and the evaluator run independently, and
  // the store deletes dependent rows itself inside its transactions.
  // One row per catalog entity that declares SLOs: where its spec came from
  // and what was wrong with it, so the UI can show errors beside valid SLOs.
  await knex.schema.createTable('slo_entities', table => {
    table.string('entity_ref').primary().notNullable();
    table.string('title');
    table.string('owner');
    table.string('system');
    table.string('lifecycle');
    table.string('spec_source_type').notNullable();
    table.text('spec_source_target');
    table.text('spec_source_url');
    table.text('errors').notNullable();
    table.text('warnings').notNullable();
    table.bigInteger('refreshed_at').notNullable();
  });

  // The valid SLOs; owner, system and lifecycle are copied from the entity so
  // list filters run in the database.
  await knex.schema.createTable('slo_definitions', table => {
    table.string('slo_id').primary().notNullable();
    table.string('entity_ref').notNullable();
    table.string('service').notNullable();
    table.string('name').notNullable();
    table.text('description');
    table.double('objective_percent').notNullable();
    table.string('period').notNullable();
    table.string('owner');
    table.string('system');
    table.string('lifecycle');
    table.text('spec').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['entity_ref'], 'slo_definitions_entity_ref_idx');
  });

  // The latest evaluation of each SLO (also cached); kept when Prometheus is
  // down so callers still see the last known values and their age.
  await knex.schema.createTable('slo_current_status', table => {
    table.string('slo_id').primary().notNullable();
    table.string('entity_ref').notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.double('sli');
    table.double('budget_remaining');
    table.text('burn_rates').notNullable();
    table.string('firing_alert');
    table.string('status').notNullable();
    table.text('error');
    table.index(['budget_remaining'], 'slo_current_status_budget_idx');
  });

  // History: one row per SLO per evaluation, read by time range.
  await knex.schema.createTable('slo_evaluations', table => {
    table.bigIncrements('id').primary();
    table.string('slo_id').notNullable();
    table.string('entity_ref').notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.double('sli');
    table.double('budget_remaining');
    table.text('burn_rates').notNullable();
    table.string('firing_alert');
    table.string('status').notNullable();
    table.index(['slo_id', 'evaluated_at'], 'slo_evaluations_slo_time_idx');
    table.index(['evaluated_at'], 'slo_evaluations_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_evaluations');
  await knex.schema.dropTable('slo_current_status');
  await knex.schema.dropTable('slo_definitions');
  await knex.schema.dropTable('slo_entities');
};
