import {
  durationBetween,
  formatDuration,
  formatFrequency,
  formatPercent,
  formatTimestamp,
  NONE,
  shortSha,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [4_240, '4.2 s'],
    [42_400, '42 s'],
    [192_000, '3 min 12 s'],
    [180_000, '3 min'],
    [7_500_000, '2 h 5 min'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
    [-1, NONE],
    [NaN, NONE],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('durationBetween', () => {
  it('measures between two times, not when one is missing or reversed', () => {
    expect(
      durationBetween('2026-03-10T12:00:00Z', '2026-03-10T12:01:30Z'),
    ).toBe(90_000);
    expect(durationBetween('2026-03-10T12:00:00Z', undefined)).toBeUndefined();
    expect(
      durationBetween('2026-03-10T12:01:00Z', '2026-03-10T12:00:00Z'),
    ).toBeUndefined();
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [1 / 3, '33.3%'],
    [0.5, '50%'],
    [0.125, '12.5%'],
  ])('%d reads %s', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });
});

describe('formatFrequency', () => {
  it.each([
    [3.5, '3.5 per day'],
    [12.34, '12 per day'],
    [1, '1 per day'],
    [0.5, '3.5 per week'],
    [1 / 30, '0.2 per week'],
    [0, '0 per week'],
  ])('%d a day reads %s', (perDay, text) => {
    expect(formatFrequency(perDay)).toBe(text);
  });
});

describe('shortSha and formatTimestamp', () => {
  it('shortens a commit and prints a time in a zone', () => {
    expect(shortSha('3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3')).toBe(
      '3f2a1bc',
    );
    expect(formatTimestamp('2026-03-10T12:04:31.000Z', 'UTC')).toBe(
      '2026-03-10 12:04:31',
    );
  });
});
