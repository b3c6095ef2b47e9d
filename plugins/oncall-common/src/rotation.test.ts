import fc from 'fast-check';
import { RotationUnit } from './model';
import {
  handoffAt,
  layerShifts,
  participantAt,
  shiftIndexAt,
} from './rotation';
import {
  ALICE,
  BOB,
  CAROL,
  HOUR,
  makeLayer,
  t,
} from './__testUtils__/fixtures';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';
const LORD_HOWE = 'Australia/Lord_Howe';

describe('handoffAt: daily handoff stays at 09:00 across the 2026 DST changes', () => {
  it.each([
    [NY, 'start', '2026-03-07T09:00', '2026-03-08T09:00-04:00', 23],
    [NY, 'end', '2026-10-31T09:00', '2026-11-01T09:00-05:00', 25],
    [BERLIN, 'start', '2026-03-28T09:00', '2026-03-29T09:00+02:00', 23],
    [BERLIN, 'end', '2026-10-24T09:00', '2026-10-25T09:00+01:00', 25],
    [SYDNEY, 'end', '2026-04-04T09:00', '2026-04-05T09:00+10:00', 25],
    [SYDNEY, 'start', '2026-10-03T09:00', '2026-10-04T09:00+11:00', 23],
    [LORD_HOWE, 'end', '2026-04-04T09:00', '2026-04-05T09:00+10:30', 24.5],
    [LORD_HOWE, 'start', '2026-10-03T09:00', '2026-10-04T09:00+11:00', 23.5],
  ])('%s DST %s: %s → %s, a %d h shift', (zone, _, start, next, hours) => {
    const layer = makeLayer('day', 1, start);
    expect(handoffAt(layer, zone, 1)).toBe(t(next));
    expect(handoffAt(layer, zone, 1) - handoffAt(layer, zone, 0)).toBe(
      hours * HOUR,
    );
    // The shift after the change is an ordinary 24 hours again.
    expect(handoffAt(layer, zone, 2) - handoffAt(layer, zone, 1)).toBe(
      24 * HOUR,
    );
  });
});

describe('handoffAt: wall-clock times that do not exist or exist twice', () => {
  it.each([
    // Spring-forward gap: moves forward by the gap's length.
    [NY, '2026-03-07T02:30', '2026-03-08T03:30-04:00'],
    [BERLIN, '2026-03-28T02:30', '2026-03-29T03:30+02:00'],
    [SYDNEY, '2026-10-03T02:30', '2026-10-04T03:30+11:00'],
    [LORD_HOWE, '2026-10-03T02:15', '2026-10-04T02:45+11:00'],
    // Fall-back repeat: the first occurrence.
    [NY, '2026-10-31T01:30', '2026-11-01T01:30-04:00'],
    [BERLIN, '2026-10-24T02:30', '2026-10-25T02:30+02:00'],
    [SYDNEY, '2026-04-04T02:30', '2026-04-05T02:30+11:00'],
    [LORD_HOWE, '2026-04-04T01:45', '2026-04-05T01:45+11:00'],
  ])('%s daily from %s hands off at %s', (zone, start, next) => {
    const layer = makeLayer('day', 1, start);
    expect(handoffAt(layer, zone, 1)).toBe(t(next));
  });

  it.each([
    [NY, '2026-03-08T02:30', '2026-03-08T03:30-04:00'],
    [NY, '2026-11-01T01:30', '2026-11-01T01:30-04:00'],
    [LORD_HOWE, '2026-10-04T02:15', '2026-10-04T02:45+11:00'],
  ])('%s: a start at %s itself is %s', (zone, start, expected) => {
    expect(handoffAt(makeLayer('week', 1, start), zone, 0)).toBe(t(expected));
  });

  it('goes back to the wall-clock time on the day after the gap', () => {
    const layer = makeLayer('day', 1, '2026-03-07T02:30');
    expect(handoffAt(layer, NY, 2)).toBe(t('2026-03-09T02:30-04:00'));
  });
});

describe('handoffAt: weekly, monthly and hourly', () => {
  it.each([
    [NY, 'week', 1, '2026-03-02T09:00', 1, '2026-03-09T09:00-04:00'],
    [BERLIN, 'week', 2, '2026-10-19T09:00', 1, '2026-11-02T09:00+01:00'],
    [SYDNEY, 'week', 1, '2026-09-28T09:00', 1, '2026-10-05T09:00+11:00'],
    [NY, 'month', 1, '2026-01-31T09:00', 1, '2026-02-28T09:00-05:00'],
    [NY, 'month', 1, '2026-01-31T09:00', 2, '2026-03-31T09:00-04:00'],
    [NY, 'month', 1, '2026-01-31T09:00', 3, '2026-04-30T09:00-04:00'],
    [NY, 'month', 1, '2026-01-31T09:00', 4, '2026-05-31T09:00-04:00'],
    [NY, 'month', 1, '2026-01-30T09:00', 1, '2026-02-28T09:00-05:00'],
    [NY, 'month', 1, '2026-01-30T09:00', 2, '2026-03-30T09:00-04:00'],
    [NY, 'month', 1, '2026-01-29T09:00', 1, '2026-02-28T09:00-05:00'],
    [NY, 'month', 1, '2026-01-29T09:00', 2, '2026-03-29T09:00-04:00'],
    [BERLIN, 'month', 1, '2027-12-29T09:00', 2, '2028-02-29T09:00+01:00'],
    [BERLIN, 'month', 2, '2026-08-31T09:00', 1, '2026-10-31T09:00+01:00'],
    [BERLIN, 'month', 2, '2026-08-31T09:00', 3, '2027-02-28T09:00+01:00'],
    [NY, 'month', 12, '2026-01-31T09:00', 1, '2027-01-31T09:00-05:00'],
    // Hourly advances in absolute time, whatever the wall clock does.
    [NY, 'hour', 1, '2026-03-08T00:00', 3, '2026-03-08T04:00-04:00'],
    [NY, 'hour', 8, '2026-10-31T20:00', 1, '2026-11-01T03:00-05:00'],
    [BERLIN, 'hour', 4, '2026-10-25T00:00', 1, '2026-10-25T03:00+01:00'],
    [LORD_HOWE, 'hour', 2, '2026-10-04T01:00', 1, '2026-10-04T03:30+11:00'],
  ] as const)(
    '%s, %s × %d from %s: handoff %d at %s',
    (zone, unit, length, start, k, expected) => {
      const layer = makeLayer(unit as RotationUnit, length, start);
      expect(handoffAt(layer, zone, k)).toBe(t(expected));
    },
  );
});

describe('shiftIndexAt and participantAt', () => {
  const layer = makeLayer('day', 1, '2026-03-07T09:00');

  it.each([
    ['2026-03-07T08:59-05:00', undefined, undefined],
    ['2026-03-07T09:00-05:00', 0, ALICE],
    ['2026-03-08T08:59-04:00', 0, ALICE],
    ['2026-03-08T09:00-04:00', 1, BOB],
    ['2026-03-09T12:00-04:00', 2, CAROL],
    ['2026-03-10T09:00-04:00', 3, ALICE],
    ['2027-03-07T09:00-05:00', 365, CAROL],
  ])('at %s: shift %s, %s', (at, index, participant) => {
    expect(shiftIndexAt(layer, NY, t(at))).toBe(index);
    expect(participantAt(layer, NY, t(at))).toBe(participant);
  });

  it.each([
    ['hour', 5],
    ['day', 3],
    ['week', 2],
    ['month', 1],
  ] as const)(
    'agrees with a linear scan of handoffAt (%s × %d)',
    (unit, length) => {
      const rotating = makeLayer(unit, length, '2026-01-31T02:30');
      const first = handoffAt(rotating, LORD_HOWE, 0);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), offset => {
          const at = first + offset;
          let k = 0;
          while (handoffAt(rotating, LORD_HOWE, k + 1) <= at) k += 1;
          expect(shiftIndexAt(rotating, LORD_HOWE, at)).toBe(k);
        }),
        { numRuns: 50 },
      );
    },
  );
});

describe('layerShifts', () => {
  it('lists the shifts intersecting the range, clipped, with a 23 h shift', () => {
    const layer = makeLayer('day', 1, '2026-03-07T09:00');
    const shifts = layerShifts(
      layer,
      NY,
      t('2026-03-07T00:00-05:00'),
      t('2026-03-09T12:00-04:00'),
    );
    expect(shifts).toEqual([
      {
        layerId: 'layer-1',
        index: 0,
        start: t('2026-03-07T09:00-05:00'),
        end: t('2026-03-08T09:00-04:00'),
        userRef: ALICE,
      },
      {
        layerId: 'layer-1',
        index: 1,
        start: t('2026-03-08T09:00-04:00'),
        end: t('2026-03-09T09:00-04:00'),
        userRef: BOB,
      },
      {
        layerId: 'layer-1',
        index: 2,
        start: t('2026-03-09T09:00-04:00'),
        end: t('2026-03-09T12:00-04:00'),
        userRef: CAROL,
      },
    ]);
  });

  it('cuts a weekly shift to business hours', () => {
    const layer = makeLayer('week', 1, '2026-03-02T00:00', {
      participants: [ALICE, BOB],
      restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    });
    const shifts = layerShifts(
      layer,
      NY,
      t('2026-03-06T00:00-05:00'),
      t('2026-03-10T00:00-04:00'),
    );
    expect(shifts.map(s => [s.userRef, s.index, s.start, s.end])).toEqual([
      [ALICE, 0, t('2026-03-06T09:00-05:00'), t('2026-03-06T17:00-05:00')],
      [BOB, 1, t('2026-03-09T09:00-04:00'), t('2026-03-09T17:00-04:00')],
    ]);
  });

  it('is empty before the start and for an empty range', () => {
    const layer = makeLayer('day', 1, '2026-03-07T09:00');
    const before = t('2026-03-07T09:00-05:00');
    expect(layerShifts(layer, NY, before - 10 * HOUR, before)).toEqual([]);
    expect(layerShifts(layer, NY, before, before)).toEqual([]);
  });
});

describe('shiftIndexAt speed', () => {
  it('answers for 10,000 layers in well under a second', () => {
    const units = ['hour', 'day', 'week', 'month'] as const;
    const zones = [NY, BERLIN, SYDNEY, LORD_HOWE];
    const layers = Array.from({ length: 10_000 }, (_, i) =>
      makeLayer(
        units[i % 4],
        1 + (i % 3),
        `2025-0${1 + (i % 9)}-1${i % 10}T02:30`,
      ),
    );
    const at = t('2026-11-30T21:00Z');
    const started = performance.now();
    layers.forEach((layer, i) => participantAt(layer, zones[i % 4], at));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
