import type {
  Schedule,
  TimelineSegment,
} from '@vigil/backstage-plugin-oncall-common';
import { onCallSummary } from './onCallSummary';

const H = 3_600_000;
const A = 'user:default/alice';
const B = 'user:default/bob';
const schedule = {
  id: 's1',
  name: 'Primary',
  timeZone: 'UTC',
} as Schedule;
const on = (
  start: number,
  end: number,
  ...userRefs: string[]
): TimelineSegment => ({
  start: start * H,
  end: end * H,
  userRefs,
  gap: userRefs.length === 0,
  source: userRefs.length ? 'layer' : 'none',
});
const iso = (hours: number) => new Date(hours * H).toISOString();

describe('onCallSummary', () => {
  it.each([
    {
      what: 'a handoff',
      segments: [on(0, 2, A), on(2, 4, B)],
      at: 1,
      expected: {
        userRefs: [A],
        until: iso(2),
        next: { userRefs: [B], start: iso(2) },
      },
    },
    {
      what: 'the same people across segments (an override ending) count as one stretch',
      segments: [on(0, 2, A), on(2, 3, A), on(3, 4, B)],
      at: 1,
      expected: {
        userRefs: [A],
        until: iso(3),
        next: { userRefs: [B], start: iso(3) },
      },
    },
    {
      what: 'a gap after the shift: until its start, next after it',
      segments: [on(0, 2, A), on(2, 3), on(3, 4, A)],
      at: 1,
      expected: {
        userRefs: [A],
        until: iso(2),
        next: { userRefs: [A], start: iso(3) },
      },
    },
    {
      what: 'in a gap: nobody, until the gap ends',
      segments: [on(0, 2), on(2, 4, B)],
      at: 1,
      expected: {
        userRefs: [],
        until: iso(2),
        next: { userRefs: [B], start: iso(2) },
      },
    },
    {
      what: 'no change within the window',
      segments: [on(0, 4, A)],
      at: 1,
      expected: { userRefs: [A], until: null, next: null },
    },
    {
      what: 'nothing ahead but a gap',
      segments: [on(0, 2, A), on(2, 4)],
      at: 1,
      expected: { userRefs: [A], until: iso(2), next: null },
    },
    {
      what: 'several people at once',
      segments: [on(0, 2, A, B), on(2, 4, B, A)],
      at: 0,
      expected: { userRefs: [A, B], until: null, next: null },
    },
  ])('$what', ({ segments, at, expected }) => {
    expect(onCallSummary(schedule, segments, at * H)).toEqual({
      scheduleId: 's1',
      scheduleName: 'Primary',
      timeZone: 'UTC',
      at: iso(at),
      ...expected,
    });
  });
});
