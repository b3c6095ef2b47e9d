/**
 * Display of SLO numbers. The backend sends `null` for no data; anything not
 * a finite number is shown as "no data", never as NaN or an empty cell.
 */
import { DateTime } from 'luxon';

export const NO_DATA = 'no data';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Trims trailing zeros: 99.900 -> "99.9". */
function trimmed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** The objective, e.g. "99.9%". */
export function formatObjective(objectivePercent: number): string {
  return isFiniteNumber(objectivePercent)
    ? `${trimmed(objectivePercent, 4)}%`
    : NO_DATA;
}

/** Share of good events over the period in percent, from the error ratio. */
export function attainmentPercent(
  errorRatio: number | null | undefined,
): number | undefined {
  return isFiniteNumber(errorRatio) ? (1 - errorRatio) * 100 : undefined;
}

export function formatAttainment(errorRatio: number | null | undefined) {
  const attainment = attainmentPercent(errorRatio);
  return attainment === undefined ? NO_DATA : `${trimmed(attainment, 3)}%`;
}

/** Budget remaining as a percentage of the budget; negative when overspent. */
export function formatBudget(budget: number | null | undefined): string {
  return isFiniteNumber(budget) ? `${(budget * 100).toFixed(1)}%` : NO_DATA;
}

export function formatBurnRate(rate: number | null | undefined): string {
  return isFiniteNumber(rate) ? `${trimmed(rate, 2)}×` : NO_DATA;
}

/** "5 minutes ago"; "never evaluated" without a time. */
export function formatEvaluationAge(
  evaluatedAt: string | null | undefined,
  now: DateTime = DateTime.now(),
): string {
  if (!evaluatedAt) return 'never evaluated';
  const time = DateTime.fromISO(evaluatedAt);
  if (!time.isValid) return 'never evaluated';
  // The browser's clock may lag the server's: never "in 3 seconds".
  if (time > now) return 'just now';
  return time.toRelative({ base: now }) ?? time.toISO() ?? evaluatedAt;
}

export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return NO_DATA;
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : NO_DATA;
}

/**
 * A length of time as a banner says it: "42 s", "3 min", "2 h 5 min",
 * "3 d 4 h". Negative lengths (clock skew) are "0 s".
 */
export function formatTimeSpan(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * When something started, in the browser's time zone: "10:42" today,
 * "31 May 10:42" on another day.
 */
export function formatClockTime(
  iso: string,
  now: DateTime = DateTime.now(),
): string {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return NO_DATA;
  const local = time.setZone(now.zone);
  return local.hasSame(now, 'day')
    ? local.toFormat('HH:mm')
    : local.toFormat('d LLL HH:mm');
}
