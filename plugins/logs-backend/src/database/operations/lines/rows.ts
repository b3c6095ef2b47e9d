import type { LogLine } from '@vigil/backstage-plugin-logs-common';
import type { Knex } from 'knex';
import type { LogSearch } from '../../LogStore';

/**
 * The columns a line is read with; ts printed in UTC with microseconds.
 * The aliases `ts` and `id` shadow the columns in ORDER BY: order by
 * `log_lines.ts`, `log_lines.id` (the index's order), never the text.
 */
export const LINE_COLUMNS = `id::text AS id,
  to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts,
  service, host, level, message, request_id, trace_id, span_id, fields`;

export interface LineRow {
  id: string;
  ts: string;
  service: string;
  host: string | null;
  level: string;
  message: string;
  request_id: string | null;
  trace_id: string | null;
  span_id: string | null;
  fields: Record<string, unknown> | string;
}

export function lineOf(row: LineRow): LogLine {
  const line: LogLine = {
    id: row.id,
    ts: row.ts,
    service: row.service,
    level: row.level,
    message: row.message,
    fields:
      typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields,
  };
  if (row.host) line.host = row.host;
  if (row.request_id) line.requestId = row.request_id;
  if (row.trace_id) line.traceId = row.trace_id;
  if (row.span_id) line.spanId = row.span_id;
  return line;
}

/**
 * The filters every read shares, as SQL with bindings: the service, the
 * level (level_rank, so the partial index of warn and worse applies), ids
 * and words (the GIN index on to_tsvector('simple', message); the
 * expression must match the index's to be used).
 */
export function lineFilters(
  query: Pick<
    LogSearch,
    'service' | 'minLevelRank' | 'text' | 'requestId' | 'traceId'
  >,
): { sql: string; bindings: Knex.Value[] } {
  const clauses = ['service = ?'];
  const bindings: Knex.Value[] = [query.service];
  if (query.minLevelRank !== undefined && query.minLevelRank > 10) {
    clauses.push('level_rank >= ?');
    bindings.push(query.minLevelRank);
  }
  if (query.requestId !== undefined) {
    clauses.push('request_id = ?');
    bindings.push(query.requestId);
  }
  if (query.traceId !== undefined) {
    clauses.push('trace_id = ?');
    bindings.push(query.traceId);
  }
  if (query.text !== undefined) {
    clauses.push(
      "to_tsvector('simple', message) @@ websearch_to_tsquery('simple', ?)",
    );
    bindings.push(query.text);
  }
  return { sql: clauses.join(' AND '), bindings };
}
