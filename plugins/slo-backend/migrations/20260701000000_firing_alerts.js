/*
 * Every alert an evaluation found firing (page and ticket can fire at once;
 * firing_alert keeps only the most severe). A JSON array; NULL on rows
 * written before this column, which readers derive from firing_alert.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_current_status', table => {
    table.text('firing_alerts');
  });
  await knex.schema.alterTable('slo_evaluations', table => {
    table.text('firing_alerts');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_evaluations', table => {
    table.dropColumn('firing_alerts');
  });
  await knex.schema.alterTable('slo_current_status', table => {
    table.dropColumn('firing_alerts');
  });
};
