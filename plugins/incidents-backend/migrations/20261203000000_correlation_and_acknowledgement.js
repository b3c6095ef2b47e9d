/*
 * One problem, one incident; early resolutions; who acknowledged.
 *
 * - incident_alert_correlations: problem key (entity + SLO labels) → its
 *   current incident. Keyed by a hash like the groups; the row is the lock
 *   that makes two alert groups of one problem (an SLO's page and ticket
 *   alerts) delivered at once open one incident.
 * - incident_pending_resolutions: resolutions that arrived before their
 *   alert's firing (same fingerprint and startsAt), so the late firing lands
 *   resolved; pruned after a day.
 * - incident_alert_groups.truncated_alerts: the group's truncation count last
 *   recorded on the timeline (recorded again only when it changes).
 * - incidents.acknowledged_by: who acknowledged it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.string('acknowledged_by', 255);
  });
  await knex.schema.alterTable('incident_alert_groups', table => {
    table.integer('truncated_alerts');
  });
  await knex.schema.createTable('incident_alert_correlations', table => {
    table.string('correlation_key_hash', 64).primary().notNullable();
    table.text('correlation_key').notNullable();
    table.string('incident_id', 64);
    table.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('incident_pending_resolutions', table => {
    // sha256 of fingerprint and startsAt (epoch ms).
    table.string('alert_key_hash', 64).primary().notNullable();
    table.text('fingerprint').notNullable();
    table.string('starts_at', 40).notNullable();
    table.string('ends_at', 40);
    table.bigInteger('received_at').notNullable();
    table.index(['received_at'], 'incident_pending_resolutions_received_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_pending_resolutions');
  await knex.schema.dropTable('incident_alert_correlations');
  await knex.schema.alterTable('incident_alert_groups', table => {
    table.dropColumn('truncated_alerts');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('acknowledged_by');
  });
};
