import {
  LayerShift,
  Override,
  ScheduleDefinition,
  ScheduleVersion,
  TemporarySchedule,
  TimelineSegment,
} from './model';
import { applyOverride, sortedRefs } from './overrides';
import { layerShifts } from './rotation';

/** What decides who is on call: versions, overrides and temporary schedules. */
export interface OnCallInput {
  versions: ScheduleVersion[];
  /** In creation order: later overrides apply on top of earlier ones. */
  overrides: Override[];
  /** Later entries win where two overlap. */
  temporarySchedules: TemporarySchedule[];
}

export interface FinalTimelineInput extends OnCallInput {
  from: number;
  to: number;
}

const gapSegment = (start: number, end: number): TimelineSegment => ({
  start,
  end,
  userRefs: [],
  gap: true,
  source: 'none',
});

const sameRefs = (a: string[], b: string[]) =>
  a.length === b.length && a.every((ref, i) => ref === b[i]);

/**
 * Joins touching segments with the same people (the merged segment keeps the
 * first one's source).
 */
export function mergeSegments(segments: TimelineSegment[]): TimelineSegment[] {
  const merged: TimelineSegment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.end === segment.start &&
      sameRefs(last.userRefs, segment.userRefs)
    ) {
      last.end = segment.end;
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

function sortedBoundaries(values: number[], from: number, to: number) {
  const inside = values.filter(v => v > from && v < to);
  return [from, ...[...new Set(inside)].sort((a, b) => a - b), to];
}

/**
 * Who the layers put on call over [from, to), contiguous, gaps flagged:
 * the highest layer (last in the list) that has someone wins.
 */
export function layersTimeline(
  definition: ScheduleDefinition,
  from: number,
  to: number,
): TimelineSegment[] {
  if (to <= from) return [];
  const shiftsByLayer: LayerShift[][] = definition.layers.map(layer =>
    layerShifts(layer, definition.timeZone, from, to),
  );
  const boundaries = sortedBoundaries(
    shiftsByLayer.flat().flatMap(s => [s.start, s.end]),
    from,
    to,
  );
  const next = shiftsByLayer.map(() => 0);
  const segments: TimelineSegment[] = [];
  for (let b = 0; b + 1 < boundaries.length; b++) {
    const [start, end] = [boundaries[b], boundaries[b + 1]];
    let winner: LayerShift | undefined;
    for (let l = shiftsByLayer.length - 1; l >= 0 && !winner; l--) {
      const shifts = shiftsByLayer[l];
      while (next[l] < shifts.length && shifts[next[l]].end <= start) {
        next[l] += 1;
      }
      const shift = shifts[next[l]];
      if (shift && shift.start <= start) winner = shift;
    }
    segments.push(
      winner
        ? {
            start,
            end,
            userRefs: [winner.userRef],
            gap: false,
            source: 'layer',
            layerId: winner.layerId,
          }
        : gapSegment(start, end),
    );
  }
  return mergeSegments(segments);
}

/**
 * The layers' timeline with each version over the part of [from, to) where it
 * is in effect; nobody before the first version. Because an edit starts a new
 * version, the past keeps the people it had.
 */
export function versionsTimeline(
  versions: ScheduleVersion[],
  from: number,
  to: number,
): TimelineSegment[] {
  const ordered = [...versions].sort(
    (a, b) => a.effectiveFrom - b.effectiveFrom || a.version - b.version,
  );
  const segments: TimelineSegment[] = [];
  const firstFrom = ordered.length ? ordered[0].effectiveFrom : to;
  if (from < Math.min(firstFrom, to)) {
    segments.push(gapSegment(from, Math.min(firstFrom, to)));
  }
  ordered.forEach((version, i) => {
    const start = Math.max(from, version.effectiveFrom);
    const end = Math.min(to, ordered[i + 1]?.effectiveFrom ?? to);
    if (start < end) {
      segments.push(...layersTimeline(version.definition, start, end));
    }
  });
  return mergeSegments(segments);
}

/** Where an override, a temporary schedule or one of its shifts begins or ends. */
interface Event {
  at: number;
  on: boolean;
  kind: 'override' | 'temporary' | 'fixed';
  /** Position in the overrides or temporary schedules list. */
  index: number;
  /** The person of a temporary schedule's fixed shift. */
  userRef?: string;
}

function clippedEvents(input: FinalTimelineInput): {
  events: Event[];
  times: number[];
} {
  const { from, to } = input;
  const events: Event[] = [];
  const push = (
    range: { start: number; end: number },
    event: Omit<Event, 'at' | 'on'>,
  ) => {
    const start = Math.max(from, range.start);
    const end = Math.min(to, range.end);
    if (start >= end) return;
    events.push({ ...event, at: start, on: true });
    events.push({ ...event, at: end, on: false });
  };
  input.overrides.forEach((override, index) =>
    push(override, { kind: 'override', index }),
  );
  input.temporarySchedules.forEach((temporary, index) => {
    push(temporary, { kind: 'temporary', index });
    for (const shift of temporary.shifts) {
      // A temporary schedule's shifts count only inside its own range.
      const start = Math.max(shift.start, temporary.start);
      const end = Math.min(shift.end, temporary.end);
      push({ start, end }, { kind: 'fixed', index, userRef: shift.userRef });
    }
  });
  events.sort((a, b) => a.at - b.at);
  return { events, times: events.map(e => e.at) };
}

/** Inserts or removes `value` in an ascending array. */
function toggleSorted(values: number[], value: number, on: boolean) {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  if (on) values.splice(lo, 0, value);
  else if (values[lo] === value) values.splice(lo, 1);
}

/**
 * Who is on call over [from, to): the versions' layers, replaced by
 * temporary schedules in their ranges (their shifts only), then overrides in
 * creation order. Contiguous, merged where the people stay the same, gaps
 * flagged. One sweep over the sorted boundaries.
 */
export function finalTimeline(input: FinalTimelineInput): TimelineSegment[] {
  const { from, to } = input;
  if (to <= from) return [];
  const base = versionsTimeline(input.versions, from, to);
  const { events, times } = clippedEvents(input);
  const boundaries = sortedBoundaries(
    [...base.map(s => s.start), ...times],
    from,
    to,
  );
  const activeOverrides: number[] = [];
  const activeTemporaries: number[] = [];
  const fixedOnCall = input.temporarySchedules.map(
    () => new Map<string, number>(),
  );
  const segments: TimelineSegment[] = [];
  let e = 0;
  let b0 = 0;
  for (let b = 0; b + 1 < boundaries.length; b++) {
    const [start, end] = [boundaries[b], boundaries[b + 1]];
    for (; e < events.length && events[e].at <= start; e++) {
      const event = events[e];
      if (event.kind === 'override') {
        toggleSorted(activeOverrides, event.index, event.on);
      } else if (event.kind === 'temporary') {
        toggleSorted(activeTemporaries, event.index, event.on);
      } else {
        const counts = fixedOnCall[event.index];
        const userRef = event.userRef!;
        const count = (counts.get(userRef) ?? 0) + (event.on ? 1 : -1);
        if (count > 0) counts.set(userRef, count);
        else counts.delete(userRef);
      }
    }
    while (base[b0].end <= start) b0 += 1;
    let { userRefs, source, layerId } = base[b0];
    if (activeTemporaries.length) {
      const winner = activeTemporaries[activeTemporaries.length - 1];
      userRefs = sortedRefs(fixedOnCall[winner].keys());
      source = 'temporary';
      layerId = undefined;
    }
    let people = userRefs;
    for (const index of activeOverrides) {
      people = applyOverride(people, input.overrides[index]);
    }
    if (!sameRefs(people, userRefs)) {
      source = 'override';
      layerId = undefined;
    }
    segments.push({
      start,
      end,
      userRefs: people,
      gap: people.length === 0,
      source,
      ...(layerId ? { layerId } : {}),
    });
  }
  return mergeSegments(segments);
}
