import { DateTime } from 'luxon';
import {
  fileNameFor,
  formatDuration,
  formatElapsed,
  formatRelative,
  formatShare,
  formatTimestamp,
  fromDateTimeLocal,
  NONE,
  splitRefs,
  toDateTimeLocal,
} from './format';
import { entityPageLinks, incidentLogsLink } from './links';

describe('format', () => {
  it.each([
    [undefined, NONE],
    [Number.NaN, NONE],
    [-1, NONE],
    [0, '0s'],
    [45_000, '45s'],
    [12 * 60_000, '12m'],
    [60 * 60_000, '1h'],
    [83 * 60_000, '1h 23m'],
    [24 * 3_600_000, '1d'],
    [51 * 3_600_000, '2d 3h'],
  ])('formatDuration(%s) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [undefined, NONE],
    [0, '0%'],
    [0.5, '50%'],
    [2 / 3, '67%'],
    [1, '100%'],
  ])('formatShare(%s) = %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it('never shows invalid times', () => {
    expect(formatTimestamp('not a time')).toBe(NONE);
    expect(formatRelative(undefined)).toBe(NONE);
    expect(formatElapsed('2024-05-01T12:00:00Z', undefined)).toBe(NONE);
    expect(formatElapsed('2024-05-01T12:00:00Z', '2024-05-01T12:07:00Z')).toBe(
      '7m',
    );
    expect(
      formatRelative(
        '2024-05-01T12:00:00Z',
        DateTime.fromISO('2024-05-01T14:00:00Z'),
      ),
    ).toBe('2 hours ago');
  });

  it('splits entity refs typed as text', () => {
    expect(
      splitRefs(
        ' component:default/a,component:default/b\n, component:default/a ,',
      ),
    ).toEqual(['component:default/a', 'component:default/b']);
    expect(splitRefs('')).toEqual([]);
  });

  it('round-trips datetime-local values in the local zone', () => {
    const iso = '2024-05-01T12:34:56.000Z';
    expect(fromDateTimeLocal(toDateTimeLocal(iso))).toBe(iso);
    expect(fromDateTimeLocal('')).toBeUndefined();
    expect(toDateTimeLocal(undefined)).toBe('');
  });

  it.each([
    ['Checkout errors', 'Checkout errors.md'],
    ['Checkout: 500s / EU', 'Checkout- 500s - EU.md'],
    ['..hidden', 'hidden.md'],
    ['', 'postmortem.md'],
  ])('fileNameFor(%j)', (title, name) => {
    expect(fileNameFor(title, 'md')).toBe(name);
  });

  it('links to an entity, its runbooks, SLOs and deployments by the default paths', () => {
    expect(entityPageLinks('API:shop/payments-api')).toEqual({
      catalog: '/catalog/shop/api/payments-api',
      docs: '/docs/shop/api/payments-api',
      slos: '/catalog/shop/api/payments-api/slos',
      deployments: '/catalog/shop/api/payments-api/deployments',
      logs: '/catalog/shop/api/payments-api/logs',
    });
    expect(entityPageLinks('not a ref')).toBeUndefined();
  });
});

describe('incidentLogsLink', () => {
  const logs = '/catalog/default/component/scoring-api/logs';
  const now = Date.parse('2026-12-01T12:00:00Z');
  it.each([
    [
      {
        declaredAt: '2026-12-01T10:00:00Z',
        resolvedAt: '2026-12-01T10:30:00Z',
      },
      `${logs}?from=2026-12-01T09%3A45%3A00.000Z&to=2026-12-01T10%3A45%3A00.000Z`,
    ],
    [
      {
        detectedAt: '2026-12-01T09:50:00Z',
        declaredAt: '2026-12-01T10:00:00Z',
      },
      `${logs}?from=2026-12-01T09%3A35%3A00.000Z`,
    ],
    [
      { declaredAt: '2026-10-01T00:00:00Z' },
      `${logs}?from=2026-11-01T12%3A00%3A00.000Z`,
    ],
  ])('%j', (timestamps, link) => {
    expect(incidentLogsLink(logs, timestamps, now)).toBe(link);
  });
});
