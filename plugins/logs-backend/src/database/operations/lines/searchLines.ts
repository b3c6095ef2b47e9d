import type { LogLine } from '@vigil/backstage-plugin-logs-common';
import type { LogSearch } from '../../LogStore';
import type { StoreInternals } from '../StoreInternals';
import { decodeSearchCursor, encodeSearchCursor } from './cursor';
import { LINE_COLUMNS, lineFilters, lineOf, type LineRow } from './rows';

/**
 * One page of a service's matching lines, newest first: keyset pagination
 * on (ts, id), so page 100 costs what page 1 does. The ts bounds let
 * PostgreSQL prune partitions outside the window.
 */
export async function searchLines(
  { db }: StoreInternals,
  query: LogSearch,
): Promise<{ items: LogLine[]; nextCursor?: string } | 'bad-cursor'> {
  const filters = lineFilters(query);
  let sql = `SELECT ${LINE_COLUMNS} FROM log_lines
    WHERE ${filters.sql} AND ts >= ? AND ts < ?`;
  const bindings = [
    ...filters.bindings,
    new Date(query.from).toISOString(),
    new Date(query.to).toISOString(),
  ];
  if (query.cursor !== undefined) {
    const cursor = decodeSearchCursor(query.cursor);
    if (!cursor) return 'bad-cursor';
    sql += ' AND (ts, id) < (?::timestamptz, ?::bigint)';
    bindings.push(cursor.ts, cursor.id);
  }
  sql += ' ORDER BY log_lines.ts DESC, log_lines.id DESC LIMIT ?';
  bindings.push(query.limit + 1);
  const { rows } = await db.raw<{ rows: LineRow[] }>(sql, bindings);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(lineOf),
    ...(rows.length > query.limit && last
      ? { nextCursor: encodeSearchCursor({ ts: last.ts, id: last.id }) }
      : {}),
  };
}
