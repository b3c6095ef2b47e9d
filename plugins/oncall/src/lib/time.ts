import { DateTime } from 'luxon';

/** A local date-time for `<input type="datetime-local">`. */
export const LOCAL_INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * "Tue 3 Mar, 09:00" in `zone` (default: the viewer's zone). The format is
 * fixed, not the browser locale's, so the timeline's labels line up.
 */
export function formatInstant(iso: string | number, zone?: string): string {
  const time =
    typeof iso === 'number' ? DateTime.fromMillis(iso) : DateTime.fromISO(iso);
  return (zone ? time.setZone(zone) : time).toFormat('ccc d LLL, HH:mm');
}

/** "in 3 hours", "2 days ago", relative to `now` (ms). */
export function formatRelative(iso: string, now: number): string {
  return (
    DateTime.fromISO(iso).toRelative({ base: DateTime.fromMillis(now) }) ?? ''
  );
}

/** The viewer's wall clock time of an instant, with its zone's abbreviation. */
export function formatWithZone(iso: string, zone?: string): string {
  const time = DateTime.fromISO(iso);
  const local = zone ? time.setZone(zone) : time;
  return `${local.toFormat('ccc d LLL, HH:mm')} ${
    local.offsetNameShort ?? ''
  }`.trim();
}

/** An instant as the schedule zone's wall clock, for a datetime-local input. */
export function toLocalInput(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat(LOCAL_INPUT_FORMAT);
}

/**
 * A datetime-local value read in `zone`, as an ISO instant (UTC); undefined
 * when it is not a valid date-time.
 */
export function fromLocalInput(
  value: string,
  zone: string,
): string | undefined {
  const time = DateTime.fromFormat(value, LOCAL_INPUT_FORMAT, { zone });
  return time.isValid ? time.toUTC().toISO() ?? undefined : undefined;
}

/** A duration in hours and minutes: "2 h 30 min", "45 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    rest && !days ? `${rest} min` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 min';
}
