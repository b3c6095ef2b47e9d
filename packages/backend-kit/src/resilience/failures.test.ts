import { ResponseError } from '@backstage/errors';
import { describeError, isDependencyFailure } from './failures';

describe('isDependencyFailure', () => {
  const withStatus = (status: number) =>
    Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
  it.each([
    ['connection refused', new Error('connect ECONNREFUSED'), true],
    ['a 500', withStatus(500), true],
    ['a 503', withStatus(503), true],
    ['a 429', withStatus(429), true],
    ['a 408', withStatus(408), true],
    ['a 400', withStatus(400), false],
    ['a 404', withStatus(404), false],
    ['a fetch response 409', { response: { status: 409 } }, false],
    [
      'a NotFoundError',
      Object.assign(new Error('x'), { name: 'NotFoundError' }),
      false,
    ],
    [
      'an InputError',
      Object.assign(new Error('x'), { name: 'InputError' }),
      false,
    ],
    ['a string', 'boom', true],
  ])('%s → %s', (_label, error, expected) => {
    expect(isDependencyFailure(error)).toBe(expected);
  });

  it('counts a ResponseError by its status', async () => {
    const make = async (status: number) =>
      ResponseError.fromResponse(
        new Response('{}', { status, statusText: 'x' }) as any,
      );
    expect(isDependencyFailure(await make(404))).toBe(false);
    expect(isDependencyFailure(await make(502))).toBe(true);
  });
});

describe('describeError', () => {
  it.each([
    [
      'fetch failed with its cause',
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9090'), {
          code: 'ECONNREFUSED',
        }),
      }),
      'fetch failed: connect ECONNREFUSED 127.0.0.1:9090',
    ],
    [
      'credentials in a URL',
      new Error('GET https://admin:hunter2@prom.example/api failed'),
      'GET https://[REDACTED]@prom.example/api failed',
    ],
    [
      'a bearer token',
      new Error('401 with Authorization: Bearer abc.def'),
      'Authorization: Bearer [REDACTED]',
    ],
    [
      'a code',
      Object.assign(new Error('socket closed'), { code: 'EPIPE' }),
      'socket closed (EPIPE)',
    ],
  ])('%s', (_label, error, expected) => {
    expect(describeError(error)).toContain(expected);
  });

  it('keeps it short', () => {
    expect(describeError(new Error('x'.repeat(1000))).length).toBeLessThan(260);
  });
});
