import { z } from 'zod';
import { logLevelSchema } from './levels';

/*
 * The logs API's query, shared by the client, the router and every store
 * behind it (PostgreSQL today; Loki, Elasticsearch or ClickHouse can answer
 * the same fields): a time window, a minimum level, words, a request id, a
 * trace id, an opaque cursor and a bounded limit.
 */

/** @public */
export const LOGS_MAX_LIMIT = 500;
/** @public */
export const LOGS_DEFAULT_LIMIT = 100;
/** The widest window one search may cover (a 400 beyond). @public */
export const LOGS_MAX_RANGE_DAYS = 31;
/** The window when none is given: the last hour. @public */
export const LOGS_DEFAULT_RANGE_MS = 3_600_000;
/** @public */
export const LOGS_MAX_TEXT_LENGTH = 200;

const DAY_MS = 86_400_000;

/** Request ids, trace ids: what producers write, nothing that needs escaping. @public */
export const logIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9._:\-]+$/,
    'must be letters, digits and . _ : - (at most 128)',
  );

/** An opaque cursor the store handed out (base64url). @public */
export const logCursorSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor the API returned');

const instant = z.string().datetime({ offset: true });

/** A query integer in [min, max], digits only (the API gets strings). */
const limitSchema = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return LOGS_DEFAULT_LIMIT;
    let number = NaN;
    if (typeof value === 'number') number = value;
    else if (/^[0-9]{1,4}$/.test(value)) number = Number(value);
    if (Number.isInteger(number) && number >= 1 && number <= LOGS_MAX_LIMIT) {
      return number;
    }
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be an integer from 1 to ${LOGS_MAX_LIMIT}`,
    });
    return z.NEVER;
  });

const filters = {
  q: z.string().trim().min(1).max(LOGS_MAX_TEXT_LENGTH).optional(),
  level: logLevelSchema.optional(),
  requestId: logIdSchema.optional(),
  traceId: logIdSchema.optional(),
};

/**
 * `GET .../lines`: the search. `from`/`to` default to the last hour; `to`
 * must be after `from` and the window at most 31 days.
 * @public
 */
export const logSearchQuerySchema = z
  .object({
    ...filters,
    from: instant.optional(),
    to: instant.optional(),
    cursor: logCursorSchema.optional(),
    limit: limitSchema,
  })
  .strict()
  .refine(
    q =>
      q.from === undefined ||
      q.to === undefined ||
      Date.parse(q.to) > Date.parse(q.from),
    { message: 'must be after from', path: ['to'] },
  )
  .refine(
    q =>
      q.from === undefined ||
      q.to === undefined ||
      Date.parse(q.to) - Date.parse(q.from) <= LOGS_MAX_RANGE_DAYS * DAY_MS,
    {
      message: `must be at most ${LOGS_MAX_RANGE_DAYS} days after from`,
      path: ['to'],
    },
  );

/** @public */
export type LogSearchParams = z.input<typeof logSearchQuerySchema>;

/**
 * `GET .../tail`: lines after a cursor (none: the latest lines and a cursor).
 * @public
 */
export const logTailQuerySchema = z
  .object({ ...filters, after: logCursorSchema.optional(), limit: limitSchema })
  .strict();

/** @public */
export type LogTailParams = z.input<typeof logTailQuerySchema>;

/**
 * The window a search covers: `from`/`to` as given, else the hour before
 * `to` (or `now`). A 31-day bound applies when only one end is given too.
 * @public
 */
export function resolveWindow(
  query: { from?: string; to?: string },
  now: number,
): { from: number; to: number } | { error: string } {
  const to = query.to === undefined ? now : Date.parse(query.to);
  const from =
    query.from === undefined
      ? to - LOGS_DEFAULT_RANGE_MS
      : Date.parse(query.from);
  if (!(to > from)) return { error: 'to: must be after from' };
  if (to - from > LOGS_MAX_RANGE_DAYS * DAY_MS) {
    return {
      error: `to: must be at most ${LOGS_MAX_RANGE_DAYS} days after from`,
    };
  }
  return { from, to };
}
