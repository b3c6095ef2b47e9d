import { TimelineSegment } from './model';
import { TimeWindow, mergeWindows } from './restrictions';
import { OnCallInput, finalTimeline } from './timeline';

const DAY = 86_400_000;

/**
 * Who is on call at `at`. The segment starts at `at` and ends at the next
 * change, looking at most `horizon` ahead (an end of `at + horizon` means
 * "at least until then").
 */
export function onCallAt(
  input: OnCallInput,
  at: number,
  horizon: number = DAY,
): TimelineSegment {
  return finalTimeline({
    ...input,
    from: at,
    to: at + Math.max(1, horizon),
  })[0];
}

/** The segment running at `at`, if the timeline covers it. */
export function segmentAt(
  segments: TimelineSegment[],
  at: number,
): TimelineSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= at) lo = mid + 1;
    else if (segments[mid].start > at) hi = mid - 1;
    else return segments[mid];
  }
  return undefined;
}

/** The first segment starting after `at`: who is next up, and from when. */
export function nextChange(
  segments: TimelineSegment[],
  at: number,
): TimelineSegment | undefined {
  return segments.find(segment => segment.start > at);
}

/** Where nobody is on call. */
export function gapsOf(segments: TimelineSegment[]): TimeWindow[] {
  return mergeWindows(
    segments.filter(s => s.gap).map(({ start, end }) => ({ start, end })),
  );
}

/** When `userRef` is on call ("my shifts"), merged. */
export function shiftsOf(
  segments: TimelineSegment[],
  userRef: string,
): TimeWindow[] {
  return mergeWindows(
    segments
      .filter(s => s.userRefs.includes(userRef))
      .map(({ start, end }) => ({ start, end })),
  );
}

function onCallWindowsByUser(segments: TimelineSegment[]) {
  const byUser = new Map<string, TimeWindow[]>();
  for (const { start, end, userRefs } of segments) {
    for (const ref of userRefs) {
      const windows = byUser.get(ref) ?? [];
      windows.push({ start, end });
      byUser.set(ref, windows);
    }
  }
  return new Map(
    [...byUser].map(([ref, windows]) => [ref, mergeWindows(windows)]),
  );
}

const key = (windows: TimeWindow[] = []) =>
  windows.map(w => `${w.start}-${w.end}`).join(',');

/**
 * Users whose on-call time differs between two timelines of the same range,
 * sorted: whom to notify after an edit.
 */
export function usersWithChangedShifts(
  before: TimelineSegment[],
  after: TimelineSegment[],
): string[] {
  const was = onCallWindowsByUser(before);
  const is = onCallWindowsByUser(after);
  const users = new Set([...was.keys(), ...is.keys()]);
  return [...users]
    .filter(ref => key(was.get(ref)) !== key(is.get(ref)))
    .sort();
}
