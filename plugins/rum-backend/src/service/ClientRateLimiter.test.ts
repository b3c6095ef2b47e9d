import { ClientRateLimiter } from './ClientRateLimiter';

describe('ClientRateLimiter', () => {
  it.each<[string, number[], number[]]>([
    // [case, request times (ms), expected waits (s)] at 60/min, burst 2
    ['a burst then a wait', [0, 0, 0], [0, 0, 1]],
    ['refills one a second', [0, 0, 1000, 1000], [0, 0, 0, 1]],
    [
      'full again after idling',
      [0, 0, 60_000, 60_000, 60_000],
      [0, 0, 0, 0, 1],
    ],
  ])('%s', (_name, times, waits) => {
    let now = 0;
    const limiter = new ClientRateLimiter({
      perMinute: 60,
      burst: 2,
      now: () => now,
    });
    const got = times.map(t => {
      now = t;
      return limiter.take('10.0.0.1');
    });
    expect(got).toEqual(waits);
  });

  it('keeps a bucket per client and forgets the least recently used', () => {
    const limiter = new ClientRateLimiter({
      perMinute: 60,
      burst: 1,
      maxClients: 2,
      now: () => 0,
    });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('c')).toBe(0); // b is forgotten
    expect(limiter.take('b')).toBe(0);
  });
});
