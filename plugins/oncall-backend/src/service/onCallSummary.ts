import type {
  OnCallNow,
  Schedule,
  TimelineSegment,
} from '@vigil/backstage-plugin-oncall-common';
import { iso } from './wire';

export type { OnCallNow };

const sameUsers = (a: string[], b: string[]) =>
  a.length === b.length && a.every(u => b.includes(u));

/** Who is on call at `at` in a final timeline, until when, and who follows. */
export function onCallSummary(
  schedule: Schedule,
  segments: TimelineSegment[],
  at: number,
): OnCallNow {
  const index = segments.findIndex(s => s.start <= at && at < s.end);
  const current = index >= 0 ? segments[index] : undefined;
  const userRefs = current && !current.gap ? current.userRefs : [];
  let until: number | undefined;
  let next: { userRefs: string[]; start: number } | undefined;
  let cursor = current?.end;
  for (let i = index + 1; index >= 0 && i < segments.length; i++) {
    const segment = segments[i];
    const users = segment.gap ? [] : segment.userRefs;
    if (until === undefined) {
      if (segment.start === cursor && sameUsers(users, userRefs)) {
        cursor = segment.end;
        continue;
      }
      until = cursor;
    }
    if (users.length > 0) {
      next = { userRefs: users, start: segment.start };
      break;
    }
  }
  return {
    scheduleId: schedule.id,
    scheduleName: schedule.name,
    timeZone: schedule.timeZone,
    at: iso(at),
    userRefs,
    until: until === undefined ? null : iso(until),
    next: next ? { userRefs: next.userRefs, start: iso(next.start) } : null,
  };
}
