/*
 * Tables of the on-call backend. Instants are epoch milliseconds (UTC) in
 * bigint columns so SQLite and PostgreSQL compare and sort them alike;
 * structured values (layers, shifts, steps) are JSON text.
 *
 * No foreign keys (as in the other Vigil backends): SQLite only enforces
 * them with a pragma, so the store deletes dependent rows itself, inside the
 * transaction that deletes their parent.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // The current definition of each schedule; `version` is the optimistic
  // concurrency token every edit names.
  await knex.schema.createTable('oncall_schedules', table => {
    table.string('id', 36).primary().notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('name', 200).notNullable();
    table.text('description');
    table.string('time_zone', 64).notNullable();
    table.text('layers').notNullable();
    table.integer('version').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['owner_ref', 'name', 'id'], 'oncall_schedules_owner_idx');
    table.index(['name', 'id'], 'oncall_schedules_name_idx');
  });

  // Every definition a schedule had and from when: who was on call in the
  // past stays what it was after an edit (shift history).
  await knex.schema.createTable('oncall_schedule_versions', table => {
    table.string('schedule_id', 36).notNullable();
    table.integer('version').notNullable();
    table.bigInteger('effective_from').notNullable();
    table.text('definition').notNullable();
    table.primary(['schedule_id', 'version']);
    table.index(
      ['schedule_id', 'effective_from'],
      'oncall_schedule_versions_from_idx',
    );
  });

  // The users the current layers name, so "schedules I am on" is an index
  // read rather than a scan of layer JSON.
  await knex.schema.createTable('oncall_schedule_participants', table => {
    table.string('schedule_id', 36).notNullable();
    table.string('user_ref', 255).notNullable();
    table.primary(['schedule_id', 'user_ref']);
    table.index(['user_ref'], 'oncall_schedule_participants_user_idx');
  });

  await knex.schema.createTable('oncall_overrides', table => {
    table.string('id', 36).primary().notNullable();
    table.string('schedule_id', 36).notNullable();
    table.bigInteger('start_ms').notNullable();
    table.bigInteger('end_ms').notNullable();
    table.string('action', 16).notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('replaces_ref', 255);
    table.text('note');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    // Range reads: overrides of a schedule ending after `from` (then start < to).
    table.index(
      ['schedule_id', 'end_ms', 'start_ms'],
      'oncall_overrides_range_idx',
    );
  });

  await knex.schema.createTable('oncall_temporary_schedules', table => {
    table.string('id', 36).primary().notNullable();
    table.string('schedule_id', 36).notNullable();
    table.bigInteger('start_ms').notNullable();
    table.bigInteger('end_ms').notNullable();
    table.text('shifts').notNullable();
    table.text('note');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(
      ['schedule_id', 'end_ms', 'start_ms'],
      'oncall_temporary_schedules_range_idx',
    );
  });

  await knex.schema.createTable('oncall_escalation_policies', table => {
    table.string('id', 36).primary().notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('name', 200).notNullable();
    table.text('description');
    table.integer('repeat').notNullable();
    table.text('steps').notNullable();
    table.integer('version').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['owner_ref', 'name'], {
      indexName: 'oncall_escalation_policies_owner_name_uq',
    });
    // A group's policies oldest first (its first is its default).
    table.index(
      ['owner_ref', 'created_at', 'id'],
      'oncall_escalation_policies_owner_idx',
    );
  });

  // A page keeps a copy of its policy's steps: later edits do not change a
  // running page. (repeat_index, step_index) is the compare-and-set token of
  // escalation across backend instances.
  await knex.schema.createTable('oncall_pages', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('title', 300).notNullable();
    table.text('description');
    table.string('incident_id', 64);
    table.text('link');
    table.string('severity', 16).notNullable();
    table.string('policy_id', 36);
    table.string('policy_name', 200);
    table.integer('repeat').notNullable();
    table.text('steps').notNullable();
    table.string('status', 16).notNullable();
    table.integer('step_index').notNullable();
    table.integer('repeat_index').notNullable();
    table.bigInteger('next_escalation_at');
    table.bigInteger('opened_at').notNullable();
    table.string('opened_by', 255).notNullable();
    table.bigInteger('acknowledged_at');
    table.string('acknowledged_by', 255);
    table.bigInteger('resolved_at');
    // The escalation job's read: open pages, earliest due first.
    table.index(['status', 'next_escalation_at'], 'oncall_pages_due_idx');
    table.index(['incident_id'], 'oncall_pages_incident_idx');
    table.index(['entity_ref', 'opened_at'], 'oncall_pages_entity_idx');
    table.index(['opened_at', 'id'], 'oncall_pages_opened_idx');
  });

  // Who was reached for which step; the unique key makes a retried delivery
  // (or a second instance's) a no-op.
  await knex.schema.createTable('oncall_page_deliveries', table => {
    table.string('page_id', 36).notNullable();
    table.integer('repeat_index').notNullable();
    table.integer('step_index').notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('channel', 16).notNullable();
    table.string('via', 255).notNullable();
    table.bigInteger('at').notNullable();
    table.unique(
      ['page_id', 'repeat_index', 'step_index', 'user_ref', 'channel'],
      { indexName: 'oncall_page_deliveries_uq' },
    );
    table.index(['user_ref'], 'oncall_page_deliveries_user_idx');
  });

  // iCal feed tokens: only their SHA-256 is stored.
  await knex.schema.createTable('oncall_calendar_tokens', table => {
    table.string('id', 36).primary().notNullable();
    table.string('token_hash', 64).notNullable();
    table.string('kind', 16).notNullable();
    table.string('subject', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('revoked_at');
    table.string('revoked_by', 255);
    table.unique(['token_hash'], {
      indexName: 'oncall_calendar_tokens_hash_uq',
    });
    table.index(['created_by'], 'oncall_calendar_tokens_creator_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'oncall_calendar_tokens',
    'oncall_page_deliveries',
    'oncall_pages',
    'oncall_escalation_policies',
    'oncall_temporary_schedules',
    'oncall_overrides',
    'oncall_schedule_participants',
    'oncall_schedule_versions',
    'oncall_schedules',
  ]) {
    await knex.schema.dropTable(table);
  }
};
