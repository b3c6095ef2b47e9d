import { IANAZone } from 'luxon';
import { Layer, LayerShift, RotationUnit } from './model';
import {
  LocalDateTime,
  addLocalDays,
  addLocalMonths,
  instantOfLocal,
  parseLocalDateTime,
  zoneOf,
} from './localTime';
import { intersectWindows, restrictionWindows } from './restrictions';

/*
 * Rotation semantics (issue 11): day, week and month rotations hand off at
 * the start's wall-clock time in the schedule's zone, so a shift spanning a
 * DST change lasts 23 or 25 hours; hour rotations advance in absolute time.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Mean Gregorian month, only to estimate a handoff index. */
const MEAN_MONTH = 30.436875 * DAY;

type RotationLayer = Pick<Layer, 'rotation' | 'start'>;

interface Rotation {
  zone: IANAZone;
  start: LocalDateTime;
  unit: RotationUnit;
  length: number;
}

/** Parses a layer's rotation once, for the several handoffs a query needs. */
function rotationOf(layer: RotationLayer, timeZone: string): Rotation {
  return {
    zone: zoneOf(timeZone),
    start: parseLocalDateTime(layer.start),
    ...layer.rotation,
  };
}

function handoff({ zone, start, unit, length }: Rotation, k: number): number {
  switch (unit) {
    case 'hour':
      return instantOfLocal(zone, start) + k * length * HOUR;
    case 'day':
      return instantOfLocal(zone, addLocalDays(start, k * length));
    case 'week':
      return instantOfLocal(zone, addLocalDays(start, 7 * k * length));
    case 'month':
      // From the start each time, so Jan 31 → Feb 28 → Mar 31, not Mar 28.
      return instantOfLocal(zone, addLocalMonths(start, k * length));
    default:
      throw new Error(`Unknown rotation unit: ${unit}`);
  }
}

/** The instant of handoff `k` (k = 0 is the layer's start). */
export function handoffAt(
  layer: RotationLayer,
  timeZone: string,
  k: number,
): number {
  return handoff(rotationOf(layer, timeZone), k);
}

function nominalShiftLength({ unit, length }: Rotation): number {
  const unitLength = { hour: HOUR, day: DAY, week: 7 * DAY, month: MEAN_MONTH };
  return unitLength[unit] * length;
}

function indexAt(rotation: Rotation, at: number): number | undefined {
  const first = handoff(rotation, 0);
  if (at < first) return undefined;
  let k = Math.floor((at - first) / nominalShiftLength(rotation));
  while (k > 0 && handoff(rotation, k) > at) k -= 1;
  while (handoff(rotation, k + 1) <= at) k += 1;
  return k;
}

/**
 * Which shift is running at `at`: the largest k with handoffAt(k) ≤ at, or
 * undefined before the start. Estimates k from the elapsed time, then steps,
 * so it costs a few handoff computations whatever k is.
 */
export function shiftIndexAt(
  layer: RotationLayer,
  timeZone: string,
  at: number,
): number | undefined {
  return indexAt(rotationOf(layer, timeZone), at);
}

/** The participant of shift k: participants[k mod n]. */
export function participantOf(
  layer: Pick<Layer, 'participants'>,
  k: number,
): string | undefined {
  const n = layer.participants.length;
  return n === 0 ? undefined : layer.participants[k % n];
}

/**
 * Who the layer's rotation puts on call at `at`, ignoring restrictions
 * (nobody before the start).
 */
export function participantAt(
  layer: Pick<Layer, 'rotation' | 'start' | 'participants'>,
  timeZone: string,
  at: number,
): string | undefined {
  const k = shiftIndexAt(layer, timeZone, at);
  return k === undefined ? undefined : participantOf(layer, k);
}

/**
 * The layer's shifts intersecting [from, to), clipped to it and cut to the
 * restriction windows (a shift may come back as several pieces with one index).
 */
export function layerShifts(
  layer: Layer,
  timeZone: string,
  from: number,
  to: number,
): LayerShift[] {
  if (to <= from || layer.participants.length === 0) return [];
  const rotation = rotationOf(layer, timeZone);
  const first = handoff(rotation, 0);
  if (first >= to) return [];
  const shifts: LayerShift[] = [];
  let k = indexAt(rotation, Math.max(from, first)) ?? 0;
  let start = handoff(rotation, k);
  while (start < to) {
    const end = handoff(rotation, k + 1);
    shifts.push({
      layerId: layer.id,
      index: k,
      start: Math.max(start, from),
      end: Math.min(end, to),
      userRef: participantOf(layer, k)!,
    });
    k += 1;
    start = end;
  }
  if (layer.restrictions.length === 0) return shifts;
  const windows = restrictionWindows(layer.restrictions, timeZone, from, to);
  return intersectWindows(shifts, windows);
}
