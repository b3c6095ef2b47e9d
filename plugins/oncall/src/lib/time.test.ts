import {
  formatDuration,
  formatInstant,
  fromLocalInput,
  toLocalInput,
} from './time';

describe('time helpers', () => {
  it.each([
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', '2026-03-29T01:30'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', '2026-03-29T03:30'],
    ['2026-10-04T15:45:00.000Z', 'Australia/Lord_Howe', '2026-10-05T02:45'],
  ])('shows %s in %s as %s and reads it back', (iso, zone, local) => {
    expect(toLocalInput(Date.parse(iso), zone)).toBe(local);
    expect(fromLocalInput(local, zone)).toBe(iso);
  });

  it('rejects what is not a local date-time', () => {
    expect(fromLocalInput('', 'UTC')).toBeUndefined();
    expect(fromLocalInput('2026-13-01T00:00', 'UTC')).toBeUndefined();
  });

  it('formats instants in a zone and durations', () => {
    expect(formatInstant('2026-03-02T08:00:00Z', 'America/New_York')).toBe(
      'Mon 2 Mar, 03:00',
    );
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(26 * 3_600_000)).toBe('1 d 2 h');
    expect(formatDuration(0)).toBe('0 min');
  });
});
