import { filtersFromQuery, queryFromFilters, windowOf } from './filters';

describe('filtersFromQuery / queryFromFilters', () => {
  it.each([
    ['', { range: '1h', q: '' }, ''],
    [
      '?range=24h&level=warn',
      { range: '24h', q: '', level: 'warn' },
      '?range=24h&level=warn',
    ],
    [
      '?from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z&level=warn',
      {
        range: 'custom',
        from: '2026-12-01T10:00:00Z',
        to: '2026-12-01T11:00:00Z',
        q: '',
        level: 'warn',
      },
      '?from=2026-12-01T10%3A00%3A00Z&to=2026-12-01T11%3A00%3A00Z&level=warn',
    ],
    [
      '?q=slow+request&requestId=r-1',
      { range: '1h', q: 'slow request', requestId: 'r-1' },
      '?q=slow+request&requestId=r-1',
    ],
    ['?from=garbage&level=loud&range=9y', { range: '1h', q: '' }, ''],
  ])('%s', (search, filters, query) => {
    expect(filtersFromQuery(search)).toEqual(filters);
    expect(queryFromFilters(filtersFromQuery(search))).toBe(query);
  });
});

describe('windowOf', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it.each([
    [
      { range: '1h', q: '' },
      { from: '2026-12-01T11:00:00.000Z', to: '2026-12-01T12:00:00.000Z' },
    ],
    [
      { range: '15m', q: '' },
      { from: '2026-12-01T11:45:00.000Z', to: '2026-12-01T12:00:00.000Z' },
    ],
    [
      {
        range: 'custom',
        from: '2026-12-01T10:00:00Z',
        to: '2026-12-01T10:30:00Z',
        q: '',
      },
      { from: '2026-12-01T10:00:00.000Z', to: '2026-12-01T10:30:00.000Z' },
    ],
    [
      { range: 'custom', from: '2026-12-01T10:00:00Z', q: '' },
      { from: '2026-12-01T10:00:00.000Z', to: '2026-12-01T12:00:00.000Z' },
    ],
  ])('%j', (filters, expected) => {
    expect(windowOf(filters, now)).toEqual(expected);
  });
});
