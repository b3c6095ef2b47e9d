import { toQueryString } from './queryString';

describe('toQueryString', () => {
  it.each([
    [{}, ''],
    [{ a: undefined, b: null, c: '' }, ''],
    [{ limit: 25, q: 'a b&c' }, '?limit=25&q=a+b%26c'],
    [{ flag: false, zero: 0 }, '?flag=false&zero=0'],
    [
      { from: new Date('2026-01-02T03:04:05Z') },
      '?from=2026-01-02T03%3A04%3A05.000Z',
    ],
  ])('%j gives %j', (values, expected) => {
    expect(toQueryString(values)).toBe(expected);
  });

  it('takes URLSearchParams as they are', () => {
    expect(toQueryString(new URLSearchParams())).toBe('');
    expect(toQueryString(new URLSearchParams({ status: 'open' }))).toBe(
      '?status=open',
    );
  });
});
