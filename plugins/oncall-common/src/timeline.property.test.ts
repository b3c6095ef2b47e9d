import fc from 'fast-check';
import {
  Override,
  ScheduleVersion,
  TemporarySchedule,
  TimelineSegment,
} from './model';
import { applyOverride, sortedRefs } from './overrides';
import { layerShifts } from './rotation';
import { OnCallInput, finalTimeline } from './timeline';
import { segmentAt } from './timelineQueries';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  DAY,
  HOUR,
  makeLayer,
  t,
} from './__testUtils__/fixtures';

const USERS = [ALICE, BOB, CAROL, DAVE];
const T0 = t('2026-03-01T00:00-05:00');
const definition = (timeZone: string) => ({
  timeZone,
  layers: [
    makeLayer('day', 1, '2026-03-01T02:30', { participants: [ALICE, BOB] }),
    makeLayer('hour', 7, '2026-03-04T09:00', {
      id: 'layer-2',
      participants: [CAROL, DAVE],
      restrictions: [{ days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }],
    }),
  ],
});

const range = fc
  .tuple(
    fc.integer({ min: 0, max: 40 * DAY }),
    fc.integer({ min: 1, max: 3 * DAY }),
  )
  .map(([offset, length]) => ({
    start: T0 + offset,
    end: T0 + offset + length,
  }));

const overrideArb = fc
  .tuple(
    range,
    fc.constantFrom<Override['action']>('add', 'remove', 'replace'),
    fc.constantFrom(...USERS),
    fc.option(fc.constantFrom(...USERS), { nil: undefined }),
  )
  .map(
    ([{ start, end }, action, userRef, replacesRef]): Override => ({
      id: `${start}`,
      scheduleId: 's',
      start,
      end,
      action,
      userRef,
      replacesRef,
      createdBy: ALICE,
    }),
  );

const temporaryArb = fc
  .tuple(
    range,
    fc.array(fc.tuple(range, fc.constantFrom(...USERS)), { maxLength: 3 }),
  )
  .map(
    ([{ start, end }, shifts]): TemporarySchedule => ({
      id: `${start}`,
      scheduleId: 's',
      start,
      end,
      shifts: shifts.map(([r, userRef]) => ({ ...r, userRef })),
      createdBy: ALICE,
    }),
  );

const inputArb = fc.record({
  zone: fc.constantFrom(
    'America/New_York',
    'Australia/Lord_Howe',
    'Europe/Berlin',
  ),
  effectiveFroms: fc.array(fc.integer({ min: 0, max: 40 * DAY }), {
    minLength: 1,
    maxLength: 3,
  }),
  overrides: fc.array(overrideArb, { maxLength: 12 }),
  temporarySchedules: fc.array(temporaryArb, { maxLength: 2 }),
  window: range,
});

/** Who is on call at one instant, computed the slow, obvious way. */
function peopleAt(input: OnCallInput, at: number): string[] {
  const version = [...input.versions]
    .sort((a, b) => a.effectiveFrom - b.effectiveFrom)
    .filter(v => v.effectiveFrom <= at)
    .pop();
  let people: string[] = [];
  if (version) {
    for (const layer of [...version.definition.layers].reverse()) {
      const [shift] = layerShifts(
        layer,
        version.definition.timeZone,
        at,
        at + 1,
      );
      if (shift) {
        people = [shift.userRef];
        break;
      }
    }
  }
  const temporary = input.temporarySchedules
    .filter(ts => ts.start <= at && at < ts.end)
    .pop();
  if (temporary) {
    people = sortedRefs(
      temporary.shifts
        .filter(s => s.start <= at && at < s.end)
        .map(s => s.userRef),
    );
  }
  for (const o of input.overrides) {
    if (o.start <= at && at < o.end) people = applyOverride(people, o);
  }
  return people;
}

function expectWellFormed(
  segments: TimelineSegment[],
  from: number,
  to: number,
) {
  expect(segments[0].start).toBe(from);
  expect(segments[segments.length - 1].end).toBe(to);
  segments.forEach((segment, i) => {
    expect(segment.start).toBeLessThan(segment.end);
    expect(segment.gap).toBe(segment.userRefs.length === 0);
    expect(segment.userRefs).toEqual(sortedRefs(segment.userRefs));
    if (i > 0) {
      expect(segment.start).toBe(segments[i - 1].end);
      expect(segment.userRefs).not.toEqual(segments[i - 1].userRefs);
    }
  });
}

describe('finalTimeline properties', () => {
  it('covers [from, to) contiguously and agrees with a point-by-point evaluation', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: 5,
          maxLength: 5,
        }),
        (generated, probes) => {
          const versions: ScheduleVersion[] = generated.effectiveFroms.map(
            (offset, i) => ({
              version: i + 1,
              effectiveFrom: T0 + offset,
              definition: definition(generated.zone),
            }),
          );
          const input: OnCallInput = {
            versions,
            overrides: generated.overrides,
            temporarySchedules: generated.temporarySchedules,
          };
          const { start: from, end: to } = generated.window;
          const segments = finalTimeline({ ...input, from, to });
          expectWellFormed(segments, from, to);
          const boundaries = segments.map(s => s.start);
          for (const at of [
            ...boundaries,
            ...probes.map(p => Math.floor(from + p * (to - from - 1))),
          ]) {
            expect(segmentAt(segments, at)!.userRefs).toEqual(
              peopleAt(input, at),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays quick with 10 layers and 1,000 overrides over 90 days', () => {
    const layers = Array.from({ length: 10 }, (_, i) =>
      makeLayer(i % 2 ? 'week' : 'day', 1 + (i % 3), '2026-01-05T09:00', {
        id: `layer-${i}`,
        participants: USERS,
        restrictions:
          i % 3
            ? [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }]
            : [],
      }),
    );
    const overrides = Array.from(
      { length: 1000 },
      (_, i): Override => ({
        id: `o${i}`,
        scheduleId: 's',
        start: T0 + ((i * 7919 * HOUR) % (90 * DAY)),
        end: T0 + ((i * 7919 * HOUR) % (90 * DAY)) + (1 + (i % 48)) * HOUR,
        action: (['add', 'remove', 'replace'] as const)[i % 3],
        userRef: USERS[i % 4],
        createdBy: ALICE,
      }),
    );
    const input = {
      versions: [
        {
          version: 1,
          effectiveFrom: 0,
          definition: { timeZone: 'Europe/Berlin', layers },
        },
      ],
      overrides,
      temporarySchedules: [],
      from: T0,
      to: T0 + 90 * DAY,
    };
    finalTimeline(input);
    const started = performance.now();
    const segments = finalTimeline(input);
    const elapsed = performance.now() - started;
    expectWellFormed(segments, input.from, input.to);
    expect(elapsed).toBeLessThan(1000);
  });
});
