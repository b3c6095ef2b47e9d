import { Restriction } from './model';
import { intersectWindows, restrictionWindows } from './restrictions';
import { t } from './__testUtils__/fixtures';

const WEEKDAYS = [1, 2, 3, 4, 5];

describe('restrictionWindows', () => {
  it.each<
    [string, string, Restriction[], string, string, Array<[string, string]>]
  >([
    [
      'business hours keep 09:00–17:00 local across the NY spring-forward',
      'America/New_York',
      [{ days: WEEKDAYS, start: '09:00', end: '17:00' }],
      '2026-03-06T00:00-05:00',
      '2026-03-10T00:00-04:00',
      [
        ['2026-03-06T09:00-05:00', '2026-03-06T17:00-05:00'],
        ['2026-03-09T09:00-04:00', '2026-03-09T17:00-04:00'],
      ],
    ],
    [
      'an overnight window from the day before the range is clipped',
      'Europe/Berlin',
      [{ days: [5], start: '22:00', end: '06:00' }],
      '2026-03-28T00:00+01:00',
      '2026-03-28T12:00+01:00',
      [['2026-03-28T00:00+01:00', '2026-03-28T06:00+01:00']],
    ],
    [
      'an overnight window across the Berlin spring-forward lasts 7 h',
      'Europe/Berlin',
      [{ days: [6], start: '22:00', end: '06:00' }],
      '2026-03-28T00:00+01:00',
      '2026-03-30T00:00+02:00',
      [['2026-03-28T22:00+01:00', '2026-03-29T06:00+02:00']],
    ],
    [
      'a night across the Sydney fall-back lasts 7 h',
      'Australia/Sydney',
      [{ days: [7], start: '00:00', end: '06:00' }],
      '2026-04-04T00:00+11:00',
      '2026-04-07T00:00+10:00',
      [['2026-04-05T00:00+11:00', '2026-04-05T06:00+10:00']],
    ],
    [
      '24:00 is the end of the day; touching windows merge',
      'America/New_York',
      [
        { days: [1], start: '00:00', end: '24:00' },
        { days: [2], start: '00:00', end: '12:00' },
        { days: [7], start: '18:00', end: '24:00' },
      ],
      '2026-03-08T00:00-05:00',
      '2026-03-11T00:00-04:00',
      [['2026-03-08T18:00-04:00', '2026-03-10T12:00-04:00']],
    ],
    [
      'a window starting in the gap starts at its end',
      'America/New_York',
      [{ days: [7], start: '02:30', end: '04:00' }],
      '2026-03-08T00:00-05:00',
      '2026-03-09T00:00-04:00',
      [['2026-03-08T03:30-04:00', '2026-03-08T04:00-04:00']],
    ],
    [
      'a 30-minute Lord Howe gap',
      'Australia/Lord_Howe',
      [{ days: [7], start: '02:00', end: '03:00' }],
      '2026-10-04T00:00+10:30',
      '2026-10-05T00:00+11:00',
      [['2026-10-04T02:30+11:00', '2026-10-04T03:00+11:00']],
    ],
    [
      'no restrictions: the whole range',
      'UTC',
      [],
      '2026-03-08T00:00Z',
      '2026-03-09T00:00Z',
      [['2026-03-08T00:00Z', '2026-03-09T00:00Z']],
    ],
  ])('%s', (_, zone, restrictions, from, to, expected) => {
    expect(restrictionWindows(restrictions, zone, t(from), t(to))).toEqual(
      expected.map(([start, end]) => ({ start: t(start), end: t(end) })),
    );
  });

  it('rejects an unknown zone', () => {
    expect(() =>
      restrictionWindows(
        [{ days: [1], start: '09:00', end: '17:00' }],
        'Mars/Olympus',
        0,
        1,
      ),
    ).toThrow(/Unknown time zone/);
  });
});

describe('intersectWindows', () => {
  it('cuts items to the windows, keeping their fields', () => {
    const items = [
      { start: 0, end: 10, who: 'a' },
      { start: 10, end: 30, who: 'b' },
    ];
    const windows = [
      { start: 5, end: 12 },
      { start: 20, end: 25 },
    ];
    expect(intersectWindows(items, windows)).toEqual([
      { start: 5, end: 10, who: 'a' },
      { start: 10, end: 12, who: 'b' },
      { start: 20, end: 25, who: 'b' },
    ]);
  });
});
