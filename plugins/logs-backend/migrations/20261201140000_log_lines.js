/*
 * The logs store: one row per structured log line, written by rsyslog's
 * ompgsql (ops/rsyslog) and read by the logs backend. PostgreSQL only: the
 * table is range-partitioned by day on `ts` so retention drops whole
 * partitions instead of deleting rows, and search uses a GIN full-text
 * index; SQLite has neither, so on SQLite this migration does nothing and
 * the plugin answers 503.
 *
 * The shipper inserts ts, service, host, level, message, request_id,
 * trace_id, span_id and fields; id, level_rank and received_at are filled
 * here. Daily partitions are log_lines_pYYYYMMDD (UTC days); lines outside
 * every daily partition land in log_lines_default (the partitions job moves
 * them into their day's partition when it creates it).
 */

const LEVEL_RANK = `CASE level
  WHEN 'trace' THEN 10 WHEN 'debug' THEN 20 WHEN 'info' THEN 30
  WHEN 'warn' THEN 40 WHEN 'error' THEN 50 WHEN 'fatal' THEN 60
  ELSE 30 END`;

/**
 * @param {import('knex').Knex} knex
 */
function isPostgres(knex) {
  return String(knex.client.config.client).includes('pg');
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw(`
    CREATE TABLE log_lines (
      ts timestamptz NOT NULL,
      service text NOT NULL,
      host text,
      level text NOT NULL,
      message text NOT NULL,
      request_id text,
      trace_id text,
      span_id text,
      fields jsonb NOT NULL DEFAULT '{}',
      received_at timestamptz NOT NULL DEFAULT now(),
      -- Tie-breaker for keyset pagination (ts is not unique) and the live
      -- tail's cursor (insertion order, so late-shipped lines are not missed).
      id bigserial NOT NULL,
      -- Minimum-level filters compare numbers (pino's ranks).
      level_rank smallint NOT NULL GENERATED ALWAYS AS (${LEVEL_RANK}) STORED
    ) PARTITION BY RANGE (ts)`);
  // An entity's lines newest first: every search and the tail start here.
  await knex.raw(
    'CREATE INDEX log_lines_service_ts_idx ON log_lines (service, ts DESC, id DESC)',
  );
  // "warn and worse" is rare and asked often (SLO burns): a small index.
  await knex.raw(
    'CREATE INDEX log_lines_problems_idx ON log_lines (service, ts DESC, id DESC) WHERE level_rank >= 40',
  );
  await knex.raw(
    'CREATE INDEX log_lines_request_id_idx ON log_lines (request_id) WHERE request_id IS NOT NULL',
  );
  await knex.raw(
    'CREATE INDEX log_lines_trace_id_idx ON log_lines (trace_id) WHERE trace_id IS NOT NULL',
  );
  await knex.raw(
    "CREATE INDEX log_lines_message_fts_idx ON log_lines USING gin (to_tsvector('simple', message))",
  );
  await knex.raw(
    'CREATE TABLE log_lines_default PARTITION OF log_lines DEFAULT',
  );
  // Today and the next two UTC days, so the shipper can insert at once; the
  // backend's partitions job keeps this window moving and drops old days.
  await knex.raw(`
    DO $$
    DECLARE
      day date;
    BEGIN
      FOR offset_days IN 0..2 LOOP
        day := (now() AT TIME ZONE 'UTC')::date + offset_days;
        EXECUTE format(
          'CREATE TABLE IF NOT EXISTS %I PARTITION OF log_lines FOR VALUES FROM (%L) TO (%L)',
          'log_lines_p' || to_char(day, 'YYYYMMDD'),
          day::text || ' 00:00:00+00',
          (day + 1)::text || ' 00:00:00+00'
        );
      END LOOP;
    END $$`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  // Dropping the partitioned table drops every partition and index with it.
  await knex.raw('DROP TABLE log_lines');
};
