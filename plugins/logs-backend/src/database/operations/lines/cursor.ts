/*
 * Cursors of the PostgreSQL store, base64url JSON so callers treat them as
 * opaque. A search cursor is the last line's (ts, id): keyset pagination on
 * the (service, ts DESC, id DESC) index. A tail cursor is the highest id
 * seen and the database time of the poll: lines are read by id (insertion
 * order, so a line shipped late still shows) within a lookback on ts.
 */

export interface SearchCursor {
  /** The line's ts as PostgreSQL prints it (microseconds kept). */
  ts: string;
  id: string;
}

export interface TailCursor {
  id: string;
  /** Epoch ms of the poll (the database's clock). */
  at: number;
}

const encode = (value: object) =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode(cursor: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9]{1,19}$/.test(value);

export const encodeSearchCursor = (cursor: SearchCursor) =>
  encode({ t: cursor.ts, i: cursor.id });

export function decodeSearchCursor(cursor: string): SearchCursor | undefined {
  const value = decode(cursor);
  if (
    !value ||
    !isId(value.i) ||
    typeof value.t !== 'string' ||
    !Number.isFinite(Date.parse(value.t))
  ) {
    return undefined;
  }
  return { ts: value.t, id: value.i };
}

export const encodeTailCursor = (cursor: TailCursor) =>
  encode({ a: cursor.id, at: cursor.at });

export function decodeTailCursor(cursor: string): TailCursor | undefined {
  const value = decode(cursor);
  if (
    !value ||
    !isId(value.a) ||
    typeof value.at !== 'number' ||
    !Number.isSafeInteger(value.at)
  ) {
    return undefined;
  }
  return { id: value.a, at: value.at };
}
