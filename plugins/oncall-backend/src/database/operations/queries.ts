import type { Knex } from 'knex';

/**
 * Ids per `whereIn`: older SQLite builds bind at most 999 variables per
 * statement, so a long id list becomes one query per chunk.
 */
export const WHERE_IN_CHUNK = 500;

/** Rows per insert statement: far below SQLite's bound-variable limit. */
export const INSERT_CHUNK = 50;

/** `list` in pieces of at most `size`, duplicates removed. */
export function chunks<T>(list: readonly T[], size = WHERE_IN_CHUNK): T[][] {
  const unique = [...new Set(list)];
  const pieces: T[][] = [];
  for (let i = 0; i < unique.length; i += size) {
    pieces.push(unique.slice(i, i + size));
  }
  return pieces;
}

/** Plain chunked inserts inside `tx` (knex's batchInsert would open a nested transaction). */
export async function insertChunked(
  tx: Knex | Knex.Transaction,
  table: string,
  rows: object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** PostgreSQL returns bigint columns as strings. */
export function toMs(value: number | string): number {
  return Number(value);
}

export function toMsOrUndefined(
  value: number | string | null | undefined,
): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function iso(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

/** `count(*)` of a query, as a number on both databases. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const [row] = await query.clone().clearSelect().clearOrder().count({
    count: '*',
  });
  return Number(row?.count ?? 0);
}

/** A unique constraint refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(message ?? '')
  );
}

/** One entry per id, in the order asked, each with its rows (maybe none). */
export function groupBy<T>(
  ids: readonly string[],
  items: T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>(ids.map(id => [id, []]));
  for (const item of items) grouped.get(key(item))?.push(item);
  return grouped;
}

/**
 * The rows of a per-schedule interval table (`schedule_id`, `start_ms`,
 * `end_ms`, `id`) of these schedules that intersect [from, to), by start,
 * mapped by `fromRow`: one query per `WHERE_IN_CHUNK` schedules, and every
 * id asked has an entry (maybe empty).
 */
export async function listIntersectingBySchedule<
  Row,
  T extends { scheduleId: string },
>(
  db: Knex,
  table: string,
  fromRow: (row: Row) => T,
  scheduleIds: readonly string[],
  from: number,
  to: number,
): Promise<Map<string, T[]>> {
  const items: T[] = [];
  for (const chunk of chunks(scheduleIds)) {
    const rows: Row[] = await db(table)
      .whereIn('schedule_id', chunk)
      .where('end_ms', '>', from)
      .where('start_ms', '<', to)
      .orderBy('start_ms', 'asc')
      .orderBy('id', 'asc');
    items.push(...rows.map(fromRow));
  }
  return groupBy(scheduleIds, items, item => item.scheduleId);
}
