// 10 million lines (by default) spread over the last 7 days, generated
// inside PostgreSQL with INSERT ... SELECT generate_series in chunks (with
// every index in place, as the store runs), then ANALYZE.
import { log } from '../lib/report.mjs';
import { perSecond } from '../lib/stats.mjs';

export const DAYS = 7;

export async function generateLines(knex, { lines, chunk = 1_000_000 }) {
  // Daily partitions for the whole span (the backend's job makes them ahead).
  await knex.raw(`
    DO $$
    DECLARE day date;
    BEGIN
      FOR offset_days IN -${DAYS + 1}..0 LOOP
        day := (now() AT TIME ZONE 'UTC')::date + offset_days;
        EXECUTE format(
          'CREATE TABLE IF NOT EXISTS %I PARTITION OF log_lines FOR VALUES FROM (%L) TO (%L)',
          'log_lines_p' || to_char(day, 'YYYYMMDD'),
          day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
      END LOOP;
    END $$`);
  const t0 = performance.now();
  for (let start = 0; start < lines; start += chunk) {
    const end = Math.min(start + chunk, lines) - 1;
    // g = 0 is the newest line; services 60% scoring-api, 30% vigil, 10% other;
    // 2% slow-request warnings, 0.1% errors, 25% debug.
    await knex.raw(
      `INSERT INTO log_lines (ts, service, host, level, message, request_id, trace_id, span_id, fields)
      SELECT now() - make_interval(secs => g::double precision * ? / ?),
        CASE WHEN g % 10 < 6 THEN 'scoring-api' WHEN g % 10 < 9 THEN 'vigil' ELSE 'other' END,
        'host-' || (g % 4),
        CASE WHEN g % 997 = 0 THEN 'error' WHEN g % 50 = 0 THEN 'warn' WHEN g % 4 = 2 THEN 'debug' ELSE 'info' END,
        CASE WHEN g % 997 = 0 THEN 'feature store timeout for customer cust-' || (g % 5000)
          WHEN g % 50 = 0 THEN 'slow request'
          WHEN g % 4 = 2 THEN 'feature cache hit for customer cust-' || (g % 5000)
          ELSE 'request completed' END,
        'req-' || (g / 3),
        md5((g / 3)::text),
        lpad(to_hex(g), 16, '0'),
        jsonb_build_object('route', '/v1/score', 'status', CASE WHEN g % 997 = 0 THEN 500 ELSE 200 END, 'durationMs', g % 900)
      FROM generate_series(?::bigint, ?::bigint) AS g`,
      [DAYS * 86400, lines, start, end],
    );
    log(`generated ${end + 1} of ${lines} lines`);
  }
  const ms = performance.now() - t0;
  await knex.raw('ANALYZE log_lines');
  const { rows } = await knex.raw(
    "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits WHERE inhparent = 'log_lines'::regclass",
  );
  return {
    lines,
    seconds: Number((ms / 1000).toFixed(1)),
    linesPerSecond: perSecond(lines, ms),
    sizeOnDisk: rows[0].size,
  };
}
