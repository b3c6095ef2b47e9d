/**
 * Display of incident facts: labels, times and durations. Missing values are
 * shown as an em dash, never as NaN or "Invalid DateTime".
 */
import type {
  ActionItemStatus,
  IncidentRole,
  IncidentStatus,
  PostmortemState,
} from '@vigil/backstage-plugin-incidents-common';
import { DateTime } from 'luxon';

export const NONE = '—';

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const ROLE_LABELS: Record<IncidentRole, string> = {
  commander: 'Commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
};

export const POSTMORTEM_STATE_LABELS: Record<PostmortemState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

function parse(iso: string | null | undefined): DateTime | undefined {
  if (!iso) return undefined;
  const time = DateTime.fromISO(iso);
  return time.isValid ? time : undefined;
}

/** "5 minutes ago". */
export function formatRelative(
  iso: string | null | undefined,
  now: DateTime = DateTime.now(),
): string {
  const time = parse(iso);
  if (!time) return NONE;
  return time.toRelative({ base: now }) ?? NONE;
}

/** Local date and time with seconds, e.g. "May 1, 2024, 2:00:05 PM". */
export function formatTimestamp(iso: string | null | undefined): string {
  const time = parse(iso);
  return time ? time.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS) : NONE;
}

/** A duration in ms as "45s", "12m", "1h 23m", "2d 3h"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return NONE;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours}h ${rest}m` : `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${days}d ${restHours}h` : `${days}d`;
}

/** Time from `fromIso` to `toIso` as a duration, or "—". */
export function formatElapsed(
  fromIso: string | null | undefined,
  toIso: string | null | undefined,
): string {
  const from = parse(fromIso);
  const to = parse(toIso);
  if (!from || !to) return NONE;
  return formatDuration(to.toMillis() - from.toMillis());
}

/** A 0..1 share as a whole percentage. */
export function formatShare(share: number | null | undefined): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return NONE;
  return `${Math.round(share * 100)}%`;
}

/** Splits "a, b\nc" into trimmed, non-empty, unique parts. */
export function splitRefs(text: string): string[] {
  const parts = text
    .split(/[\s,]+/)
    .map(part => part.trim())
    .filter(Boolean);
  return [...new Set(parts)];
}

/** `<input type="datetime-local">` value (local time, seconds) of an ISO time. */
export function toDateTimeLocal(iso: string | undefined): string {
  const time = parse(iso);
  return time ? time.toFormat("yyyy-MM-dd'T'HH:mm:ss") : '';
}

/** ISO UTC timestamp of a `datetime-local` value; undefined when empty or invalid. */
export function fromDateTimeLocal(value: string): string | undefined {
  if (!value) return undefined;
  const time = DateTime.fromISO(value);
  return time.isValid ? time.toUTC().toISO() ?? undefined : undefined;
}

/** Today's calendar date `YYYY-MM-DD` in UTC, as action item due dates use. */
export function todayUtc(now: DateTime = DateTime.utc()): string {
  return now.toUTC().toISODate() ?? '';
}

/**
 * A download file name `<title>.<extension>`: the title as is, minus the
 * characters file systems reject.
 */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 150);
  return `${base || 'postmortem'}.${extension}`;
}
