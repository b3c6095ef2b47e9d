/** The store's operations on `slo_evaluation_status`. */
import type { Knex } from 'knex';
import type { EvaluationOutcome, EvaluationRecord } from '../service/types';
import { toNumber } from './rows';

const TABLE = 'slo_evaluation_status';
/** The row's key: the data source the evaluator reads. */
const SOURCE = 'prometheus';
/** Longest error kept: a banner line, not a stack trace. */
export const MAX_ERROR_LENGTH = 300;

interface EvaluationStatusRow {
  source: string;
  last_attempt_at: number | string;
  last_success_at: number | string | null;
  unreachable_since: number | string | null;
  last_error: string | null;
}

/**
 * Error text fit to show to any signed-in user: credentials in URLs
 * (`http://user:secret@host`) are masked and the text is cut short.
 */
export function shortError(message: string): string {
  const masked = message.replace(/\/\/[^/@\s]+@/g, '//***@');
  return masked.length > MAX_ERROR_LENGTH
    ? `${masked.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : masked;
}

/**
 * Records one cycle's outcome in a single statement, so concurrent writers
 * (a replica taking over the global task) cannot lose the start of an
 * outage: `unreachable_since` keeps the first failure until a success
 * clears it.
 */
export async function recordEvaluationOutcome(
  db: Knex,
  outcome: EvaluationOutcome,
): Promise<void> {
  const { at } = outcome;
  if (outcome.ok) {
    const row = {
      last_attempt_at: at,
      last_success_at: at,
      unreachable_since: null,
      last_error: null,
    };
    await db(TABLE)
      .insert({ source: SOURCE, ...row })
      .onConflict('source')
      .merge(row);
    return;
  }
  const error = shortError(outcome.error);
  await db(TABLE)
    .insert({
      source: SOURCE,
      last_attempt_at: at,
      last_success_at: null,
      unreachable_since: at,
      last_error: error,
    })
    .onConflict('source')
    .merge({
      last_attempt_at: at,
      last_error: error,
      unreachable_since: db.raw(`coalesce(${TABLE}.unreachable_since, ?)`, [
        at,
      ]),
    });
}

/** The latest outcome; undefined before the first cycle. */
export async function readEvaluationRecord(
  db: Knex,
): Promise<EvaluationRecord | undefined> {
  const row = await db<EvaluationStatusRow>(TABLE)
    .where('source', SOURCE)
    .first();
  if (!row) return undefined;
  return {
    lastAttemptAt: Number(row.last_attempt_at),
    lastSuccessAt: toNumber(row.last_success_at),
    unreachableSince: toNumber(row.unreachable_since),
    lastError: row.last_error,
  };
}
