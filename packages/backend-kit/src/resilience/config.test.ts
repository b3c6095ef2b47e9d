import { mockServices } from '@backstage/backend-test-utils';
import { readDurationMs } from './config';

describe('readDurationMs', () => {
  it.each([
    [250, 250],
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
    ['P1DT1H', 90_000_000],
    ['1.5s', 1_500],
    [{ seconds: 5 }, 5_000],
    [{ minutes: 1, milliseconds: 500 }, 60_500],
  ])('%j → %i ms', (value, expected) => {
    const config = mockServices.rootConfig({ data: { t: value } });
    expect(readDurationMs(config, 't')).toBe(expected);
  });

  it.each([
    ['soon'],
    ['P'],
    ['PT'],
    ['P1H'],
    ['PT1D'],
    ['1.2.3s'],
    [-1],
    [{ fortnights: 1 }],
    [[1]],
  ])('refuses %j', value => {
    const config = mockServices.rootConfig({ data: { t: value } });
    expect(() => readDurationMs(config, 't')).toThrow(/Invalid duration at t/);
  });
});
