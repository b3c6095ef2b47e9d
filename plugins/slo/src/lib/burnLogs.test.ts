import { burnLogsQuery } from './burnLogs';

describe('burnLogsQuery', () => {
  it.each([
    [
      '5m',
      '2026-12-01T12:00:00Z',
      '?from=2026-12-01T11%3A55%3A00.000Z&to=2026-12-01T12%3A00%3A00.000Z&level=warn',
    ],
    [
      '6h',
      '2026-12-01T12:00:00Z',
      '?from=2026-12-01T06%3A00%3A00.000Z&to=2026-12-01T12%3A00%3A00.000Z&level=warn',
    ],
    [
      '3d',
      '2026-12-01T12:00:00Z',
      '?from=2026-11-28T12%3A00%3A00.000Z&to=2026-12-01T12%3A00%3A00.000Z&level=warn',
    ],
    ['1w', '2026-12-01T12:00:00Z', undefined],
    ['5m', null, undefined],
  ])('%s at %s', (window, evaluatedAt, query) => {
    expect(burnLogsQuery(window, evaluatedAt)).toBe(query);
  });
});
