import type { LogLine } from '@vigil/backstage-plugin-logs-common';
import type { LogTailRequest } from '../../LogStore';
import type { StoreInternals } from '../StoreInternals';
import { decodeTailCursor, encodeTailCursor } from './cursor';
import { LINE_COLUMNS, lineFilters, lineOf, type LineRow } from './rows';

/**
 * How far back in ts a tail looks for lines inserted since its last poll:
 * the shipper's delay (rsyslog batches and retries) must fit in it. A line
 * shipped later than this is searchable but not tailed.
 */
export const TAIL_LOOKBACK_MS = 5 * 60_000;

/**
 * Lines inserted after the cursor, oldest first. Without a cursor: the
 * latest `limit` lines and a cursor from now on. Ids are the insertion
 * order; the ts lookback keeps the scan on the (service, ts) index.
 */
export async function tailLines(
  { db }: StoreInternals,
  query: LogTailRequest,
): Promise<{ items: LogLine[]; cursor: string } | 'bad-cursor'> {
  const filters = lineFilters(query);
  const {
    rows: [clock],
  } = await db.raw<{ rows: Array<{ at: string; id: string }> }>(
    `SELECT (extract(epoch FROM now()) * 1000)::bigint::text AS at,
      (SELECT CASE WHEN is_called THEN last_value ELSE 0 END
        FROM log_lines_id_seq)::text AS id`,
  );
  const at = Number(clock.at);
  if (query.after === undefined) {
    const { rows } = await db.raw<{ rows: LineRow[] }>(
      `SELECT ${LINE_COLUMNS} FROM log_lines WHERE ${filters.sql}
        AND ts >= ? ORDER BY log_lines.ts DESC, log_lines.id DESC LIMIT ?`,
      [
        ...filters.bindings,
        new Date(at - TAIL_LOOKBACK_MS).toISOString(),
        query.limit,
      ],
    );
    const newest = rows.reduce(
      (max, row) => (BigInt(row.id) > BigInt(max) ? row.id : max),
      rows.length > 0 ? '0' : clock.id,
    );
    return {
      items: rows.reverse().map(lineOf),
      cursor: encodeTailCursor({ id: newest, at }),
    };
  }
  const cursor = decodeTailCursor(query.after);
  if (!cursor) return 'bad-cursor';
  const { rows } = await db.raw<{ rows: LineRow[] }>(
    `SELECT ${LINE_COLUMNS} FROM log_lines WHERE ${filters.sql}
      AND ts >= ? AND id > ? ORDER BY log_lines.id LIMIT ?`,
    [
      ...filters.bindings,
      new Date(cursor.at - TAIL_LOOKBACK_MS).toISOString(),
      cursor.id,
      query.limit,
    ],
  );
  const last = rows.at(-1);
  // Only ids seen move the cursor (a quiet filter keeps its place). A line
  // whose transaction commits after a higher id was read is searchable but
  // can be missed by the tail. A full page keeps its lookback.
  const next = {
    id: last?.id ?? cursor.id,
    at: rows.length === query.limit ? cursor.at : at,
  };
  return { items: rows.map(lineOf), cursor: encodeTailCursor(next) };
}
