import { TimelineSegment } from './model';
import {
  gapsOf,
  nextChange,
  onCallAt,
  segmentAt,
  shiftsOf,
  usersWithChangedShifts,
} from './timelineQueries';
import { ALICE, BOB, CAROL, makeLayer, t } from './__testUtils__/fixtures';

const segment = (
  start: number,
  end: number,
  userRefs: string[],
): TimelineSegment => ({
  start,
  end,
  userRefs,
  gap: userRefs.length === 0,
  source: userRefs.length ? 'layer' : 'none',
});
const TIMELINE = [
  segment(0, 10, [ALICE]),
  segment(10, 20, []),
  segment(20, 30, [ALICE, BOB]),
  segment(30, 40, [ALICE]),
];

describe('timeline queries', () => {
  it.each([
    [0, TIMELINE[0], TIMELINE[1]],
    [15, TIMELINE[1], TIMELINE[2]],
    [39, TIMELINE[3], undefined],
    [40, undefined, undefined],
  ])('at %d: running %o, next %o', (at, running, next) => {
    expect(segmentAt(TIMELINE, at)).toEqual(running);
    expect(nextChange(TIMELINE, at)).toEqual(next);
  });

  it('lists gaps and one user shifts, merged', () => {
    expect(gapsOf(TIMELINE)).toEqual([{ start: 10, end: 20 }]);
    expect(shiftsOf(TIMELINE, ALICE)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 40 },
    ]);
  });

  it.each<[string, TimelineSegment[], string[]]>([
    ['nothing changed', TIMELINE, []],
    [
      'bob leaves a shift to carol',
      [
        segment(0, 10, [ALICE]),
        segment(10, 20, []),
        segment(20, 30, [ALICE, CAROL]),
        segment(30, 40, [ALICE]),
      ],
      [BOB, CAROL],
    ],
    [
      'the same time split differently',
      [
        segment(0, 5, [ALICE]),
        segment(5, 10, [ALICE]),
        segment(10, 20, []),
        segment(20, 30, [ALICE, BOB]),
        segment(30, 40, [ALICE]),
      ],
      [],
    ],
    [
      'alice loses ten minutes',
      [
        segment(0, 20, []),
        segment(20, 30, [ALICE, BOB]),
        segment(30, 40, [ALICE]),
      ],
      [ALICE],
    ],
  ])('usersWithChangedShifts: %s', (_, after, changed) => {
    expect(usersWithChangedShifts(TIMELINE, after)).toEqual(changed);
  });

  it('onCallAt answers who and until when', () => {
    const input = {
      versions: [
        {
          version: 1,
          effectiveFrom: 0,
          definition: {
            timeZone: 'Australia/Lord_Howe',
            layers: [makeLayer('day', 1, '2026-10-03T09:00')],
          },
        },
      ],
      overrides: [],
      temporarySchedules: [],
    };
    const at = t('2026-10-04T08:00+11:00');
    expect(onCallAt(input, at)).toEqual({
      start: at,
      end: t('2026-10-04T09:00+11:00'),
      userRefs: [ALICE],
      gap: false,
      source: 'layer',
      layerId: 'layer-1',
    });
  });
});
