/*
 * Tables of the incidents backend. Times are epoch milliseconds (UTC) in
 * bigint columns so SQLite and PostgreSQL compare and sort them alike;
 * structured values (roles, labels, postmortem sections) are JSON text.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.string('id', 64).primary().notNullable();
    table.string('title', 200).notNullable();
    table.text('summary');
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable();
    table.text('entity_refs').notNullable();
    table.text('owner_refs').notNullable();
    table.text('roles').notNullable();
    table.text('role_history').notNullable();
    // Copied out of `roles` so the permission rule can filter on it.
    table.string('commander', 255);
    table.bigInteger('detected_at');
    table.bigInteger('declared_at').notNullable();
    table.bigInteger('acknowledged_at');
    table.bigInteger('mitigated_at');
    table.bigInteger('resolved_at');
    table.bigInteger('closed_at');
    table.string('postmortem_state', 16);
    table.text('alert_group_key');
    table.string('created_by', 255).notNullable();
    table.bigInteger('updated_at').notNullable();
    table.integer('version').notNullable();
    // Each matches a list filter and the list's order (newest first, id as
    // tie-break), so a page is an index range, not a sort of every match.
    table.index(['declared_at', 'id'], 'incidents_declared_idx');
    table.index(['status', 'declared_at', 'id'], 'incidents_status_idx');
    table.index(['severity', 'declared_at', 'id'], 'incidents_severity_idx');
  });

  // Join tables so "incidents of this entity / owned by this group" is an
  // indexed range in list order, not a scan of JSON text. `declared_at` is
  // copied (it never changes) so the page needs no sort.
  await knex.schema.createTable('incident_entities', table => {
    table.string('incident_id', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('declared_at').notNullable();
    table.primary(['incident_id', 'entity_ref']);
    table.index(
      ['entity_ref', 'declared_at', 'incident_id'],
      'incident_entities_ref_idx',
    );
  });
  await knex.schema.createTable('incident_owners', table => {
    table.string('incident_id', 64).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.bigInteger('declared_at').notNullable();
    table.primary(['incident_id', 'owner_ref']);
    table.index(
      ['owner_ref', 'declared_at', 'incident_id'],
      'incident_owners_ref_idx',
    );
  });

  await knex.schema.createTable('incident_timeline', table => {
    table.bigIncrements('id').primary();
    table.string('incident_id', 64).notNullable();
    table.bigInteger('at').notNullable();
    table.string('type', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('event').notNullable();
    table.index(['incident_id', 'id'], 'incident_timeline_incident_idx');
  });

  // Alerts by fingerprint: what the Alertmanager intake compares each
  // notification with, so repeats and out-of-order deliveries change nothing.
  await knex.schema.createTable('incident_alerts', table => {
    table.string('incident_id', 64).notNullable();
    table.string('fingerprint', 255).notNullable();
    table.string('alert_name', 255);
    table.string('status', 16).notNullable();
    table.string('starts_at', 40).notNullable();
    table.string('ends_at', 40);
    table.text('labels').notNullable();
    table.text('annotations');
    table.text('generator_url');
    table.primary(['incident_id', 'fingerprint']);
  });

  // groupKey → its current incident. Keyed by a hash because group keys are
  // unbounded text; the row is also the lock that serializes deliveries of
  // one group (an HA Alertmanager pair sends each notification twice).
  await knex.schema.createTable('incident_alert_groups', table => {
    table.string('group_key_hash', 64).primary().notNullable();
    table.text('group_key').notNullable();
    table.string('incident_id', 64);
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('postmortems', table => {
    table.string('id', 64).primary().notNullable();
    table.string('incident_id', 64).notNullable().unique();
    table.string('state', 16).notNullable();
    table.string('title', 200).notNullable();
    table.text('content').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('published_at');
    table.integer('version').notNullable();
    table.index(['state', 'updated_at'], 'postmortems_state_idx');
  });

  await knex.schema.createTable('action_items', table => {
    table.string('id', 64).primary().notNullable();
    table.string('postmortem_id', 64).notNullable();
    table.string('incident_id', 64).notNullable();
    table.integer('position').notNullable();
    table.string('title', 500).notNullable();
    table.string('owner', 255).notNullable();
    table.string('due_date', 10);
    table.string('priority', 4).notNullable();
    table.string('status', 16).notNullable();
    table.text('link');
    table.index(['owner', 'status'], 'action_items_owner_idx');
    table.index(['postmortem_id'], 'action_items_postmortem_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of [
    'action_items',
    'postmortems',
    'incident_alert_groups',
    'incident_alerts',
    'incident_timeline',
    'incident_owners',
    'incident_entities',
    'incidents',
  ]) {
    await knex.schema.dropTable(name);
  }
};
