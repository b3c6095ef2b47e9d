/*
 * The SLO list's default order (worst budget first, then by id) as an index,
 * so a page of SLOs with a budget is read in order and the read stops at the
 * page's end instead of sorting every SLO. It replaces the index on
 * budget_remaining alone, whose ties were in row order, not by id.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_current_status', table => {
    table.dropIndex(['budget_remaining'], 'slo_current_status_budget_idx');
    table.index(
      ['budget_remaining', 'slo_id'],
      'slo_current_status_budget_slo_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_current_status', table => {
    table.dropIndex(
      ['budget_remaining', 'slo_id'],
      'slo_current_status_budget_slo_idx',
    );
    table.index(['budget_remaining'], 'slo_current_status_budget_idx');
  });
};
