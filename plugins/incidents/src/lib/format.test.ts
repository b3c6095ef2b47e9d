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
import { entityPageLinks } from './links';

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
    });
    expect(entityPageLinks('not a ref')).toBeUndefined();
  });
});
