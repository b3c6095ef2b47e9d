import { IANAZone } from 'luxon';

/*
 * Wall-clock arithmetic in an IANA zone, deterministic across DST changes.
 * Luxon's own local-to-instant conversion guesses the offset from "now" (or
 * from the DateTime being shifted), so a repeated wall-clock time resolves to
 * either occurrence depending on the day the code runs; the rotation rules
 * need the first occurrence every time.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A calendar date and time of day without zone (month 1–12). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Parses `2026-03-08T09:00` (the model's local date-time). */
export function parseLocalDateTime(value: string): LocalDateTime {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) throw new Error(`Invalid local date-time: ${value}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return { year, month, day, hour, minute };
}

/** `HH:mm` (00:00–24:00) as minutes after midnight. */
export function parseTimeOfDay(value: string): number {
  const [hour, minute] = value.split(':').map(Number);
  return hour * 60 + minute;
}

/** The zone, or an error naming it: an unknown zone must not compute as UTC. */
export function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new Error(`Unknown time zone: ${timeZone}`);
  return zone;
}

/*
 * Offset lookups through Intl cost microseconds; the benchmark asks for
 * thousands per request. An hour bucket whose two ends share an offset has
 * no transition inside (zones never change twice within an hour), so its
 * offset is cached; buckets holding a transition are computed exactly.
 */
const bucketOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_BUCKETS = 200_000;

function bucketOffset(
  zone: IANAZone,
  cache: Map<number, number>,
  bucket: number,
) {
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size > MAX_CACHED_BUCKETS) cache.clear();
    offset = zone.offset(bucket * HOUR);
    cache.set(bucket, offset);
  }
  return offset;
}

/** The zone's UTC offset in minutes at an instant. */
export function offsetAt(zone: IANAZone, at: number): number {
  let cache = bucketOffsets.get(zone.name);
  if (!cache) {
    cache = new Map();
    bucketOffsets.set(zone.name, cache);
  }
  const bucket = Math.floor(at / HOUR);
  const start = bucketOffset(zone, cache, bucket);
  if (start === bucketOffset(zone, cache, bucket + 1)) return start;
  return zone.offset(at);
}

/**
 * The instant a wall-clock time happens in the zone. A time skipped by a
 * spring-forward gap moves forward by the gap's length (02:30 → 03:30); a
 * time repeated by a fall-back happens at its first occurrence.
 */
export function instantOfLocal(zone: IANAZone, local: LocalDateTime): number {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
  );
  // Assumes at most one transition within a day either side, true of all zones.
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  if (before === after) return wall - before * MINUTE;
  const withBefore = wall - before * MINUTE;
  const withAfter = wall - after * MINUTE;
  const beforeValid = offsetAt(zone, withBefore) === before;
  const afterValid = offsetAt(zone, withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  // In the gap: reading the wall time with the pre-gap offset lands the gap's
  // length later on the new clock.
  return withBefore;
}

/** The wall-clock date and time of an instant in the zone. */
export function localOfInstant(zone: IANAZone, at: number): LocalDateTime {
  const wall = new Date(at + offsetAt(zone, at) * MINUTE);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** The same time of day `days` calendar days later (or earlier). */
export function addLocalDays(
  local: LocalDateTime,
  days: number,
): LocalDateTime {
  const date = new Date(
    Date.UTC(local.year, local.month - 1, local.day + days),
  );
  return {
    ...local,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

/** `months` calendar months later, the day clamped to the month's end. */
export function addLocalMonths(
  local: LocalDateTime,
  months: number,
): LocalDateTime {
  const monthIndex = local.month - 1 + months;
  const year = local.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { ...local, year, month, day: Math.min(local.day, lastDay) };
}

/** ISO weekday of a local date: Monday = 1 … Sunday = 7. */
export function isoWeekday(local: LocalDateTime): number {
  const day = new Date(
    Date.UTC(local.year, local.month - 1, local.day),
  ).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A local date at a time of day given in minutes (1440 = next midnight). */
export function atMinuteOfDay(
  date: LocalDateTime,
  minuteOfDay: number,
): LocalDateTime {
  const day = addLocalDays(date, Math.floor(minuteOfDay / 1440));
  const minutes = minuteOfDay % 1440;
  return { ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 };
}
