import { TemporarySchedule } from './model';
import { finalTimeline } from './timeline';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  makeLayer,
  t,
} from './__testUtils__/fixtures';
import {
  V1,
  businessHours,
  expected,
  override,
  rows,
  version,
} from './__testUtils__/schedules';

describe('finalTimeline: temporary schedules and versions', () => {
  const temporary: TemporarySchedule = {
    id: 'tmp',
    scheduleId: 's',
    start: t('2026-03-09T00:00-04:00'),
    end: t('2026-03-10T00:00-04:00'),
    shifts: [
      {
        start: t('2026-03-08T22:00-04:00'),
        end: t('2026-03-09T12:00-04:00'),
        userRef: DAVE,
      },
    ],
    createdBy: ALICE,
  };

  it('takes over its range with its shifts only; overrides sit on top', () => {
    const segments = finalTimeline({
      versions: [V1],
      overrides: [
        override(
          'add',
          CAROL,
          '2026-03-09T11:00-04:00',
          '2026-03-09T13:00-04:00',
        ),
      ],
      temporarySchedules: [temporary],
      from: t('2026-03-08T12:00-04:00'),
      to: t('2026-03-10T12:00-04:00'),
    });
    expect(segments.map(s => [s.start, s.end, s.userRefs, s.source])).toEqual([
      [
        t('2026-03-08T12:00-04:00'),
        t('2026-03-09T00:00-04:00'),
        [BOB],
        'layer',
      ],
      [
        t('2026-03-09T00:00-04:00'),
        t('2026-03-09T11:00-04:00'),
        [DAVE],
        'temporary',
      ],
      [
        t('2026-03-09T11:00-04:00'),
        t('2026-03-09T12:00-04:00'),
        [CAROL, DAVE],
        'override',
      ],
      [
        t('2026-03-09T12:00-04:00'),
        t('2026-03-09T13:00-04:00'),
        [CAROL],
        'override',
      ],
      [
        t('2026-03-09T13:00-04:00'),
        t('2026-03-10T00:00-04:00'),
        [],
        'temporary',
      ],
      [
        t('2026-03-10T00:00-04:00'),
        t('2026-03-10T09:00-04:00'),
        [ALICE],
        'layer',
      ],
      [
        t('2026-03-10T09:00-04:00'),
        t('2026-03-10T12:00-04:00'),
        [BOB],
        'layer',
      ],
    ]);
    expect(segments[4].gap).toBe(true);
  });

  it('has nobody before the first version', () => {
    const segments = finalTimeline({
      versions: [version('2026-03-08T12:00-04:00')],
      overrides: [],
      temporarySchedules: [],
      from: t('2026-03-08T00:00-05:00'),
      to: t('2026-03-08T18:00-04:00'),
    });
    expect(rows(segments)).toEqual(
      expected([
        ['2026-03-08T00:00-05:00', '2026-03-08T12:00-04:00', []],
        ['2026-03-08T12:00-04:00', '2026-03-08T18:00-04:00', [BOB]],
      ]),
    );
  });

  it('keeps history unchanged after an edit', () => {
    const from = t('2026-03-07T00:00-05:00');
    const to = t('2026-03-21T00:00-04:00');
    const editedAt = t('2026-03-10T12:34-04:00');
    const edited = version(
      '2026-03-10T12:34-04:00',
      [
        makeLayer('week', 1, '2026-03-02T08:00', {
          participants: [CAROL, DAVE],
        }),
        businessHours,
      ],
      2,
    );
    const input = { overrides: [], temporarySchedules: [], from, to };
    const before = finalTimeline({ ...input, versions: [V1] });
    const after = finalTimeline({ ...input, versions: [V1, edited] });
    const past = (segments: typeof before) =>
      segments
        .filter(s => s.start < editedAt)
        .map(s => ({ ...s, end: Math.min(s.end, editedAt) }));
    expect(past(after)).toEqual(past(before));
    expect(
      after.some(s => s.start >= editedAt && s.userRefs.includes(DAVE)),
    ).toBe(true);
  });
});
