import type {
  EffectiveCheckStatus,
  MeasuredValue,
  ReviewState,
} from '@vigil/backstage-plugin-launch-gates-common';
import { DateTime } from 'luxon';

/** Check statuses as the tab says them. */
export const STATUS_LABELS: Record<EffectiveCheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown',
  pending: 'Pending',
  waived: 'Waived',
};

/** Review states as the pages say them. */
export const STATE_LABELS: Record<ReviewState, string> = {
  open: 'Open',
  go: 'Go',
  'no-go': 'No-Go',
  reopened: 'Reopened',
};

/** Every review state, in the order the filters list them. */
export const REVIEW_STATES: ReviewState[] = ['open', 'reopened', 'go', 'no-go'];

/** Who answers a manual check, in words. */
export function answererLabel(answeredBy: string | null): string {
  switch (answeredBy) {
    case null:
      return '';
    case 'owner':
      return "the entity's owners";
    case 'product-owner':
      return 'the product owner';
    case 'sre':
      return 'SRE';
    default:
      return answeredBy;
  }
}

/** A measured value for reading: numbers grouped, null as "unknown". */
export function formatMeasured(value: MeasuredValue): string {
  if (value === null) return 'unknown';
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }
  return String(value);
}

/** "2 Dec 2026, 14:05" in the browser's zone; "never" for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toFormat('d LLL yyyy, HH:mm') : iso;
}

/** "in 3 days", "5 minutes ago". */
export function formatRelative(
  iso: string | null | undefined,
  now: Date = new Date(),
): string {
  if (!iso) return 'never';
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toRelative({ base: DateTime.fromJSDate(now) }) ?? iso
    : iso;
}

/** A target date (YYYY-MM-DD) as "24 Dec 2026". */
export function formatDate(date: string): string {
  const parsed = DateTime.fromISO(date);
  return parsed.isValid ? parsed.toFormat('d LLL yyyy') : date;
}

/** Today in the browser's zone, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return DateTime.fromJSDate(now).toISODate() ?? '';
}

/** A date N days from now (the browser's zone), YYYY-MM-DD. */
export function daysFromNow(days: number, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).plus({ days }).toISODate() ?? '';
}

/** A short ref for reading: `group:default/sre` → `group:sre`. */
export function shortRef(ref: string): string {
  return ref.replace(/^([^:]+):default\//, '$1:');
}
