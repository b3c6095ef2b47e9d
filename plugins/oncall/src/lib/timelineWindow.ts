import { DateTime } from 'luxon';

/** The timeline shows two weeks. */
export const WINDOW_DAYS = 14;
/** Selections snap to half hours (zones are at whole or half-hour offsets). */
export const SNAP_MS = 30 * 60_000;

export interface TimelineWindow {
  from: number;
  to: number;
}

/** Two weeks from the start of `anchor`'s day in the schedule's zone. */
export function windowStartingAt(anchor: number, zone: string): TimelineWindow {
  const start = DateTime.fromMillis(anchor, { zone }).startOf('day');
  return {
    from: start.toMillis(),
    to: start.plus({ days: WINDOW_DAYS }).toMillis(),
  };
}

/** The previous (-1) or next (+1) two weeks, in calendar days of the zone. */
export function shiftWindow(
  window: TimelineWindow,
  direction: -1 | 1,
  zone: string,
): TimelineWindow {
  const from = DateTime.fromMillis(window.from, { zone }).plus({
    days: direction * WINDOW_DAYS,
  });
  return {
    from: from.toMillis(),
    to: from.plus({ days: WINDOW_DAYS }).toMillis(),
  };
}

/** Where a range sits in the window, in percent; undefined when outside it. */
export function placeInWindow(
  start: number,
  end: number,
  window: TimelineWindow,
): { left: number; width: number } | undefined {
  const clippedStart = Math.max(start, window.from);
  const clippedEnd = Math.min(end, window.to);
  if (clippedEnd <= clippedStart) return undefined;
  const span = window.to - window.from;
  return {
    left: ((clippedStart - window.from) / span) * 100,
    width: ((clippedEnd - clippedStart) / span) * 100,
  };
}

/** The instant at a fraction (0–1) of the window, snapped to half hours. */
export function instantAtFraction(
  fraction: number,
  window: TimelineWindow,
): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  const raw = window.from + clamped * (window.to - window.from);
  return Math.round(raw / SNAP_MS) * SNAP_MS;
}

/** A selection as an ordered range at least one snap long. */
export function selectionRange(a: number, b: number): TimelineWindow {
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  return { from, to: Math.max(to, from + SNAP_MS) };
}

/** The start of each day in the window, in the schedule's zone. */
export function dayStarts(
  window: TimelineWindow,
  zone: string,
): { at: number; label: string }[] {
  const days: { at: number; label: string }[] = [];
  let day = DateTime.fromMillis(window.from, { zone }).startOf('day');
  while (day.toMillis() < window.to) {
    if (day.toMillis() >= window.from) {
      days.push({ at: day.toMillis(), label: day.toFormat('ccc d') });
    }
    day = day.plus({ days: 1 });
  }
  return days;
}
