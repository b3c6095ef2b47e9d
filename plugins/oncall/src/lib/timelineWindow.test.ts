import { DateTime } from 'luxon';
import {
  dayStarts,
  instantAtFraction,
  placeInWindow,
  selectionRange,
  shiftWindow,
  windowStartingAt,
} from './timelineWindow';

const ms = (iso: string) => Date.parse(iso);

describe('timeline window', () => {
  it.each([
    // anchor, zone, from, to (a DST change inside: 14 calendar days)
    [
      '2026-03-02T15:00:00Z',
      'Europe/Berlin',
      '2026-03-01T23:00:00.000Z',
      '2026-03-15T23:00:00.000Z',
    ],
    [
      '2026-03-20T12:00:00Z',
      'Europe/Berlin',
      '2026-03-19T23:00:00.000Z',
      '2026-04-02T22:00:00.000Z',
    ],
    [
      '2026-04-01T12:00:00Z',
      'Australia/Lord_Howe',
      '2026-03-31T13:00:00.000Z',
      '2026-04-14T13:30:00.000Z',
    ],
  ])('from %s in %s spans %s to %s', (anchor, zone, from, to) => {
    const window = windowStartingAt(ms(anchor), zone);
    expect(new Date(window.from).toISOString()).toBe(from);
    expect(new Date(window.to).toISOString()).toBe(to);
  });

  it('moves by two calendar weeks of the zone', () => {
    const zone = 'America/New_York';
    const window = windowStartingAt(ms('2026-03-02T15:00:00Z'), zone);
    const next = shiftWindow(window, 1, zone);
    expect(DateTime.fromMillis(next.from, { zone }).toISO()).toBe(
      '2026-03-16T00:00:00.000-04:00',
    );
    expect(shiftWindow(next, -1, zone)).toEqual(window);
  });

  it.each([
    ['inside', 0, 25, { left: 0, width: 25 }],
    ['clipped at both ends', -10, 200, { left: 0, width: 100 }],
    ['across the middle', 50, 75, { left: 50, width: 25 }],
    ['outside', 100, 120, undefined],
  ])('places a range %s', (_name, start, end, expected) => {
    expect(placeInWindow(start, end, { from: 0, to: 100 })).toEqual(expected);
  });

  it('snaps a pointer position to half hours and orders a selection', () => {
    const window = {
      from: ms('2026-03-01T00:00:00Z'),
      to: ms('2026-03-02T00:00:00Z'),
    };
    const at = instantAtFraction(0.51, window); // 12:14:24
    expect(new Date(at).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(instantAtFraction(2, window)).toBe(window.to);
    expect(selectionRange(10 * 3_600_000, 3_600_000)).toEqual({
      from: 3_600_000,
      to: 10 * 3_600_000,
    });
    expect(selectionRange(0, 0)).toEqual({ from: 0, to: 30 * 60_000 });
  });

  it("labels each day of the zone's calendar", () => {
    const zone = 'Europe/Berlin';
    const window = windowStartingAt(ms('2026-03-28T12:00:00Z'), zone);
    const days = dayStarts(window, zone);
    expect(days).toHaveLength(14);
    expect(days.slice(0, 3).map(d => d.label)).toEqual([
      'Sat 28',
      'Sun 29',
      'Mon 30',
    ]);
    // The day of the spring-forward change is 23 hours long.
    expect(days[2].at - days[1].at).toBe(23 * 3_600_000);
  });
});
