/*
 * The launch gates' tables. Instants are epoch milliseconds (UTC) in bigint
 * columns so SQLite and PostgreSQL compare and sort them alike; structured
 * values (a template snapshot, evidence, statuses) are JSON text, read
 * whole. Answers, attachments, waivers, sign-offs and events are
 * append-only: the store has no statement that updates or deletes them
 * (a waiver's expiry is noticed in a table of its own).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('launch_reviews', table => {
    table.string('id', 36).primary().notNullable();
    // Normalised (`kind:namespace/name`, lower case).
    table.string('entity_ref', 255).notNullable();
    table.string('title', 200).notNullable();
    table.string('template_name', 60).notNullable();
    table.string('template_title', 200).notNullable();
    // The template as it was at opening: later edits of the file do not
    // change an open review.
    table.text('template').notNullable();
    // YYYY-MM-DD: a date, not an instant.
    table.string('target_date', 10).notNullable();
    table.string('state', 16).notNullable();
    table.bigInteger('reopened_at');
    table.text('created_by').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('last_evaluated_at');
    // Optimistic concurrency of edits (title, target date).
    table.integer('revision').notNullable();
    table.index(['entity_ref'], 'launch_reviews_entity_idx');
    // Upcoming launches, and the reviews the scheduled cycle re-evaluates.
    table.index(['state', 'target_date'], 'launch_reviews_state_idx');
  });

  await knex.schema.createTable('launch_review_signers', table => {
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    // Lower-case entity ref of a user or group that may sign.
    table.string('ref', 255).notNullable();
    table.primary(['review_id', 'ref']);
    // "Awaiting my decision": reviews by signer.
    table.index(['ref'], 'launch_review_signers_ref_idx');
  });

  await knex.schema.createTable('launch_check_results', table => {
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('check_id', 60).notNullable();
    table.string('gate_id', 60).notNullable();
    table.string('status', 16).notNullable();
    table.text('summary').notNullable();
    table.text('evidence');
    table.string('evidence_hash', 64);
    table.bigInteger('evaluated_at');
    table.primary(['review_id', 'check_id']);
  });

  await knex.schema.createTable('launch_attachments', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('filename', 200).notNullable();
    table.string('content_type', 100).notNullable();
    table.integer('size').notNullable();
    table.string('sha256', 64).notNullable();
    table.binary('content').notNullable();
    table.text('uploaded_by').notNullable();
    table.bigInteger('uploaded_at').notNullable();
    table.index(['review_id'], 'launch_attachments_review_idx');
  });

  await knex.schema.createTable('launch_manual_answers', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('check_id', 60).notNullable();
    table.string('answer', 3).notNullable();
    table.text('comment').notNullable();
    table.string('link', 2000);
    table
      .string('attachment_id', 36)
      .references('id')
      .inTable('launch_attachments');
    table.text('answered_by').notNullable();
    table.bigInteger('answered_at').notNullable();
    table.index(['review_id', 'check_id', 'answered_at'], 'launch_answers_idx');
  });

  await knex.schema.createTable('launch_waivers', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('check_id', 60).notNullable();
    table.text('reason').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.text('created_by').notNullable();
    table.bigInteger('created_at').notNullable();
    table.string('evidence_hash', 64).notNullable();
    table.index(['review_id'], 'launch_waivers_review_idx');
    table.index(['expires_at'], 'launch_waivers_expiry_idx');
  });

  // When the scheduled cycle noticed a waiver had expired (once per waiver),
  // so the waiver row itself never changes.
  await knex.schema.createTable('launch_waiver_expiries', table => {
    table
      .string('waiver_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('launch_waivers')
      .onDelete('CASCADE');
    table.bigInteger('noticed_at').notNullable();
  });

  await knex.schema.createTable('launch_sign_offs', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('decision', 8).notNullable();
    table.text('comment').notNullable();
    table.text('signed_by').notNullable();
    table.bigInteger('signed_at').notNullable();
    table.string('evidence_hash', 64).notNullable();
    table.text('check_statuses').notNullable();
    table.text('waiver_ids').notNullable();
    table.index(['review_id', 'signed_at'], 'launch_sign_offs_review_idx');
  });

  await knex.schema.createTable('launch_review_events', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('launch_reviews')
      .onDelete('CASCADE');
    table.string('type', 32).notNullable();
    table.text('actor').notNullable();
    table.bigInteger('at').notNullable();
    // Orders events of the same millisecond as they were appended.
    table.integer('seq').notNullable();
    table.text('data').notNullable();
    table.index(['review_id', 'at', 'seq'], 'launch_review_events_review_idx');
  });

  await knex.schema.createTable('launch_reports', table => {
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 16).notNullable();
    table.bigInteger('ran_at').notNullable();
    table.text('report').notNullable();
    table.text('posted_by').notNullable();
    table.bigInteger('posted_at').notNullable();
    table.index(['entity_ref', 'kind', 'ran_at'], 'launch_reports_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('launch_reports');
  await knex.schema.dropTable('launch_review_events');
  await knex.schema.dropTable('launch_sign_offs');
  await knex.schema.dropTable('launch_waiver_expiries');
  await knex.schema.dropTable('launch_waivers');
  await knex.schema.dropTable('launch_manual_answers');
  await knex.schema.dropTable('launch_attachments');
  await knex.schema.dropTable('launch_check_results');
  await knex.schema.dropTable('launch_review_signers');
  await knex.schema.dropTable('launch_reviews');
};
