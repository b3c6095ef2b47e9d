import { DateTime } from 'luxon';

/** What a figure or a cell shows when there is nothing to show. */
export const NO_DATA = 'No data';
export const NONE = '—';

/** The short commit as git prints it (7 characters). */
export function shortSha(commit: string): string {
  return commit.slice(0, 7);
}

/**
 * A measured duration at a useful precision: `850 ms`, `4.2 s`,
 * `3 min 12 s`, `2 h 5 min`, `3 d 4 h`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = ms / 1000;
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  }
  const totalMinutes = Math.round(ms / 60_000);
  if (totalMinutes < 24 * 60) {
    const hours = Math.floor(totalMinutes / 60);
    const minutes = totalMinutes % 60;
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const totalHours = Math.round(ms / 3_600_000);
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** From one ISO time to another, or nothing when either is missing. */
export function durationBetween(
  from: string | undefined,
  to: string | undefined,
): number | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** `2026-03-10 12:04:31` in the browser's zone (or `zone`). */
export function formatTimestamp(iso: string, zone?: string): string {
  const time = DateTime.fromISO(iso, zone ? { zone } : {});
  return time.isValid ? time.toFormat('yyyy-LL-dd HH:mm:ss') : iso;
}

/** `12 minutes ago`. */
export function formatRelative(iso: string): string {
  const time = DateTime.fromISO(iso);
  return (time.isValid && time.toRelative()) || iso;
}

/** `33%`, `12.5%` of a 0..1 share. */
export function formatPercent(share: number): string {
  const percent = share * 100;
  const digits = Number.isInteger(Math.round(percent * 10) / 10) ? 0 : 1;
  return `${percent.toFixed(digits)}%`;
}

/**
 * Deployment frequency the way teams say it: `3.5 per day` when there is
 * at least one a day, otherwise per week.
 */
export function formatFrequency(perDay: number): string {
  const round = (value: number) =>
    value >= 10
      ? String(Math.round(value))
      : String(Math.round(value * 10) / 10);
  if (perDay >= 1) return `${round(perDay)} per day`;
  return `${round(perDay * 7)} per week`;
}
