import {
  alignedWindow,
  HEALTH_RANGES,
  isHealthRange,
  planRange,
  prometheusDuration,
} from './ranges';

describe('planRange', () => {
  it.each`
    range    | stepSeconds | rateWindow | points
    ${'15m'} | ${15}       | ${'1m'}    | ${60}
    ${'1h'}  | ${30}       | ${'1m'}    | ${120}
    ${'6h'}  | ${120}      | ${'4m'}    | ${180}
    ${'24h'} | ${300}      | ${'10m'}   | ${288}
    ${'7d'}  | ${1800}     | ${'1h'}    | ${336}
    ${'30d'} | ${7200}     | ${'4h'}    | ${360}
  `(
    '$range: a $stepSeconds s step ($points points), rate over $rateWindow',
    ({ range, stepSeconds, rateWindow, points }) => {
      const plan = planRange(range);
      expect(plan.stepSeconds).toBe(stepSeconds);
      expect(plan.rateWindow).toBe(rateWindow);
      expect(plan.rangeSeconds / plan.stepSeconds).toBe(points);
    },
  );

  it('keeps every range between 60 and 360 points', () => {
    for (const range of HEALTH_RANGES) {
      const { rangeSeconds, stepSeconds } = planRange(range);
      expect(rangeSeconds / stepSeconds).toBeGreaterThanOrEqual(60);
      expect(rangeSeconds / stepSeconds).toBeLessThanOrEqual(360);
    }
  });
});

describe('isHealthRange', () => {
  it.each([
    ['15m', true],
    ['30d', true],
    ['2h', false],
    ['', false],
    [15, false],
    [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isHealthRange(value)).toBe(expected);
  });
});

describe('prometheusDuration', () => {
  it.each([
    [15, '15s'],
    [90, '90s'],
    [60, '1m'],
    [240, '4m'],
    [3600, '1h'],
    [14_400, '4h'],
    [86_400, '1d'],
  ])('%p s -> %p', (seconds, expected) => {
    expect(prometheusDuration(seconds)).toBe(expected);
  });
});

describe('alignedWindow', () => {
  it('ends on the last whole step and spans the range', () => {
    const now = Date.parse('2026-12-01T10:07:44Z');
    expect(alignedWindow('1h', now)).toEqual({
      startSeconds: Date.parse('2026-12-01T09:07:30Z') / 1000,
      endSeconds: Date.parse('2026-12-01T10:07:30Z') / 1000,
      stepSeconds: 30,
    });
    expect(alignedWindow('30d', now).endSeconds).toBe(
      Date.parse('2026-12-01T10:00:00Z') / 1000,
    );
  });
});
