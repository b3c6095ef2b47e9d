import { Restriction } from './model';
import {
  LocalDateTime,
  addLocalDays,
  atMinuteOfDay,
  instantOfLocal,
  isoWeekday,
  localOfInstant,
  parseTimeOfDay,
  zoneOf,
} from './localTime';

/** A half-open stretch of time [start, end) in epoch milliseconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

function windowOn(
  date: LocalDateTime,
  restriction: Restriction,
): { start: LocalDateTime; end: LocalDateTime } {
  const startMinute = parseTimeOfDay(restriction.start);
  let endMinute = parseTimeOfDay(restriction.end);
  // An end at or before the start runs past midnight into the next day.
  if (endMinute <= startMinute) endMinute += 1440;
  return {
    start: atMinuteOfDay(date, startMinute),
    end: atMinuteOfDay(date, endMinute),
  };
}

/** Sorts and merges overlapping or touching windows. */
export function mergeWindows(windows: TimeWindow[]): TimeWindow[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const merged: TimeWindow[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) {
      last.end = Math.max(last.end, window.end);
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}

/**
 * When a layer's restrictions let it apply within [from, to): windows of
 * local weekdays and times of day in the zone, sorted and merged. Wall-clock
 * ends follow the rotation's DST rules (a 09:00–17:00 window stays 09:00–17:00
 * local). No restrictions means the whole range.
 */
export function restrictionWindows(
  restrictions: Restriction[],
  timeZone: string,
  from: number,
  to: number,
): TimeWindow[] {
  if (to <= from) return [];
  if (restrictions.length === 0) return [{ start: from, end: to }];
  const zone = zoneOf(timeZone);
  const firstDay = { ...localOfInstant(zone, from), hour: 0, minute: 0 };
  const lastDay = { ...localOfInstant(zone, to), hour: 0, minute: 0 };
  const windows: TimeWindow[] = [];
  // Start a day early: yesterday's overnight window may run into the range.
  for (
    let date = addLocalDays(firstDay, -1);
    instantOfLocal(zone, date) <= instantOfLocal(zone, lastDay);
    date = addLocalDays(date, 1)
  ) {
    const weekday = isoWeekday(date);
    for (const restriction of restrictions) {
      if (!restriction.days.includes(weekday)) continue;
      const local = windowOn(date, restriction);
      const start = Math.max(from, instantOfLocal(zone, local.start));
      const end = Math.min(to, instantOfLocal(zone, local.end));
      if (start < end) windows.push({ start, end });
    }
  }
  return mergeWindows(windows);
}

/**
 * Cuts sorted, disjoint items to sorted, disjoint windows: each item comes
 * back as its pieces inside the windows, in order.
 */
export function intersectWindows<T extends TimeWindow>(
  items: T[],
  windows: TimeWindow[],
): T[] {
  const pieces: T[] = [];
  let w = 0;
  for (const item of items) {
    while (w < windows.length && windows[w].end <= item.start) w += 1;
    for (let i = w; i < windows.length && windows[i].start < item.end; i++) {
      const start = Math.max(item.start, windows[i].start);
      const end = Math.min(item.end, windows[i].end);
      if (start < end) pieces.push({ ...item, start, end });
    }
  }
  return pieces;
}
