import { mockServices } from '@backstage/backend-test-utils';
import { createDependencyHealth } from './DependencyHealth';
import { DependencyUnavailableError } from './errors';
import type { DependencyOptions } from './types';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

class QueryError extends Error {}

function setup(options: DependencyOptions = {}, name = 'prometheus') {
  const logger = mockServices.logger.mock();
  const health = createDependencyHealth({
    logger,
    backoff: { initialDelayMs: 5, maxDelayMs: 40 },
  });
  const dependency = health.dependency(name, {
    displayName: 'Prometheus',
    timeoutMs: 200,
    retries: 0,
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    ...options,
  });
  let calls = 0;
  const fail = () =>
    dependency.execute(async () => {
      calls += 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:9090');
    });
  const succeed = () =>
    dependency.execute(async () => {
      calls += 1;
      return 'ok';
    });
  return { logger, health, dependency, fail, succeed, calls: () => calls };
}

describe('ResilientDependency', () => {
  it.each([1, 3, 5])(
    'opens the breaker after %i consecutive failures and then fails fast',
    async failures => {
      const { dependency, fail, succeed, calls } = setup({
        breaker: { consecutiveFailures: failures, halfOpenAfterMs: 60_000 },
      });
      expect(dependency.state()).toMatchObject({
        status: 'unknown',
        breaker: 'closed',
      });
      for (let i = 0; i < failures; i++) {
        await expect(fail()).rejects.toThrow('ECONNREFUSED');
      }
      const error = await succeed().catch(e => e);
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        dependency: 'prometheus',
        reason: 'circuit-open',
      });
      expect(error.message).toMatch(
        /^Prometheus is unreachable since \d{4}-\d\d-\d\dT.*Z \(circuit open\)$/,
      );
      expect(calls()).toBe(failures); // the last call never reached it
      expect(dependency.state()).toMatchObject({
        status: 'down',
        breaker: 'open',
        consecutiveFailures: failures,
        lastError: 'connect ECONNREFUSED 127.0.0.1:9090',
      });
      expect(dependency.state().downSince).toEqual(expect.any(String));
    },
  );

  it('lets one call through after the half-open delay and closes on success', async () => {
    const { dependency, fail, succeed, logger } = setup({
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 50 },
    });
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    await expect(succeed()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await sleep(70);
    await expect(succeed()).resolves.toBe('ok');
    expect(dependency.state()).toMatchObject({
      status: 'up',
      breaker: 'closed',
      consecutiveFailures: 0,
      downSince: undefined,
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Prometheus is reachable again after \d+ s down$/),
      { dependency: 'prometheus' },
    );
  });

  it('opens again when the half-open probe fails, without a second log line', async () => {
    const { dependency, fail, logger } = setup({
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 30 },
    });
    await expect(fail()).rejects.toThrow('ECONNREFUSED');
    const downSince = dependency.state().downSince;
    await sleep(45);
    await expect(fail()).rejects.toThrow('ECONNREFUSED'); // the probe
    await expect(fail()).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(dependency.state()).toMatchObject({
      status: 'down',
      breaker: 'open',
      downSince,
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it.each([
    { idempotent: true, attempts: 3 },
    { idempotent: false, attempts: 1 },
    { idempotent: undefined, attempts: 1 },
  ])(
    'makes $attempts attempt(s) when idempotent is $idempotent and 2 retries are allowed',
    async ({ idempotent, attempts }) => {
      const { dependency } = setup({
        retries: 2,
        breaker: { consecutiveFailures: 10, halfOpenAfterMs: 60_000 },
      });
      let calls = 0;
      await expect(
        dependency.execute(
          async () => {
            calls += 1;
            throw new Error('socket hang up');
          },
          { idempotent },
        ),
      ).rejects.toThrow('socket hang up');
      expect(calls).toBe(attempts);
    },
  );

  it('retries an idempotent call until it succeeds', async () => {
    const { dependency } = setup({ retries: 3 });
    let calls = 0;
    const result = await dependency.execute(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('ECONNRESET');
        return calls;
      },
      { idempotent: true },
    );
    expect(result).toBe(3);
    expect(dependency.state()).toMatchObject({
      status: 'up',
      consecutiveFailures: 0,
    });
  });

  it('waits a jittered, growing backoff between retries', async () => {
    const delaysWith = async (random: number) => {
      const spy = jest.spyOn(Math, 'random').mockReturnValue(random);
      try {
        const { dependency, logger } = setup({
          retries: 3,
          breaker: { consecutiveFailures: 10, halfOpenAfterMs: 60_000 },
        });
        const started = Date.now();
        await dependency
          .execute(
            async () => {
              throw new Error('ECONNRESET');
            },
            { idempotent: true },
          )
          .catch(() => undefined);
        const delays = logger.debug.mock.calls.map(([message]) =>
          Number(/in (\d+) ms$/.exec(String(message))![1]),
        );
        return { delays, elapsed: Date.now() - started };
      } finally {
        spy.mockRestore();
      }
    };
    const low = await delaysWith(0.05);
    const high = await delaysWith(0.95);
    expect(low.delays).toHaveLength(3);
    expect(high.delays).toHaveLength(3);
    // The random draw changes the delays (jitter) ...
    expect(low.delays).not.toEqual(high.delays);
    // ... which stay within the cap and are really waited.
    for (const delay of [...low.delays, ...high.delays]) {
      expect(delay).toBeLessThanOrEqual(40);
    }
    expect(high.elapsed).toBeGreaterThanOrEqual(
      high.delays.reduce((a, b) => a + b, 0) - 5,
    );
    // Exponential: with the same draw, later delays are not shorter.
    expect(high.delays[2]).toBeGreaterThanOrEqual(high.delays[0]);
  });

  it('aborts the signal when an attempt times out and reports a timeout', async () => {
    const { dependency } = setup({ timeoutMs: 20 });
    let seen: AbortSignal | undefined;
    const error = await dependency
      .execute(signal => {
        seen = signal;
        return new Promise(() => {}); // never answers
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({
      reason: 'timeout',
      message: 'Prometheus did not answer within 20 ms',
    });
    expect(seen?.aborted).toBe(true);
    expect(dependency.state()).toMatchObject({
      consecutiveFailures: 1,
      lastError: 'timed out after 20 ms',
    });
  });

  it('does not count an error that is the caller fault, nor retry it', async () => {
    const { dependency } = setup({
      retries: 2,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      isFailure: error => !(error instanceof QueryError),
    });
    const thrown = new QueryError('parse error: unexpected }');
    const query = jest.fn(async () => {
      throw thrown;
    });
    for (let i = 0; i < 5; i++) {
      await expect(
        dependency.execute(query, { idempotent: true }),
      ).rejects.toBe(thrown);
    }
    expect(query).toHaveBeenCalledTimes(5);
    expect(dependency.state()).toMatchObject({
      status: 'up',
      breaker: 'closed',
      consecutiveFailures: 0,
    });
  });

  it('resets the breaker count on an answer that is the caller fault', async () => {
    const { dependency, fail } = setup({
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      isFailure: error => !(error instanceof QueryError),
    });
    await expect(fail()).rejects.toThrow();
    await expect(
      dependency.execute(async () => {
        throw new QueryError('bad query');
      }),
    ).rejects.toBeInstanceOf(QueryError);
    await expect(fail()).rejects.toThrow('ECONNREFUSED');
    expect(dependency.state().breaker).toBe('closed');
  });

  it('logs one line when an outage starts and one when it ends, not one per call', async () => {
    const { fail, succeed, logger } = setup({
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 20 },
    });
    for (let outage = 0; outage < 2; outage++) {
      for (let i = 0; i < 10; i++) await fail().catch(() => undefined);
      await sleep(30);
      await fail().catch(() => undefined); // a failed probe
      for (let i = 0; i < 10; i++) await fail().catch(() => undefined);
      await sleep(30);
      await succeed();
      await succeed();
    }
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^Prometheus is unreachable since .*Z: 2 calls in a row failed, the last with: connect ECONNREFUSED 127\.0\.0\.1:9090\. Calls fail fast; one is let through every 0 s to probe it$/,
    );
    expect(logger.info).toHaveBeenCalledTimes(2);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('does not open on failures separated by successes', async () => {
    const { dependency, fail, succeed } = setup({
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    for (let i = 0; i < 5; i++) {
      await fail().catch(() => undefined);
      await succeed();
    }
    expect(dependency.state()).toMatchObject({
      status: 'up',
      breaker: 'closed',
    });
  });
});

describe('DependencyHealthService', () => {
  it('gives every caller of a name the same dependency and lists all states', async () => {
    const health = createDependencyHealth({
      logger: mockServices.logger.mock(),
    });
    const a = health.dependency('prometheus', { displayName: 'Prometheus' });
    const b = health.dependency('prometheus', { timeoutMs: 1 });
    expect(a).toBe(b);
    health.dependency('catalog');
    health.dependency('database', { critical: true });
    await a.execute(async () => 1);
    expect(health.states()).toEqual([
      expect.objectContaining({
        name: 'catalog',
        status: 'unknown',
        critical: false,
      }),
      expect.objectContaining({ name: 'database', critical: true }),
      expect.objectContaining({
        name: 'prometheus',
        displayName: 'Prometheus',
        status: 'up',
        breaker: 'closed',
        lastSuccessAt: expect.any(String),
      }),
    ]);
  });

  it('takes timeouts, retries and breaker settings from vigil.dependencies', async () => {
    const logger = mockServices.logger.mock();
    const health = createDependencyHealth({
      logger,
      config: mockServices.rootConfig({
        data: {
          vigil: {
            dependencies: {
              'plugin-incidents': {
                timeout: '30ms',
                retries: 1,
                breaker: {
                  consecutiveFailures: 1,
                  halfOpenAfter: { minutes: 1 },
                },
              },
            },
          },
        },
      }),
      backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    });
    const dependency = health.dependency('plugin:incidents', {
      timeoutMs: 60_000,
      retries: 5,
    });
    let calls = 0;
    const error = await dependency
      .execute(
        () => {
          calls += 1;
          return new Promise(() => {});
        },
        { idempotent: true },
      )
      .catch(e => e);
    // One failure opens the breaker, so the retry stops at the open circuit.
    expect(calls).toBe(1);
    expect(error).toMatchObject({ reason: 'circuit-open' });
    expect(dependency.state().lastError).toBe('timed out after 30 ms');
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /one is let through every 60 s to probe it$/,
    );
  });

  it('ands the failure rules of several callers of one dependency', async () => {
    const health = createDependencyHealth({
      logger: mockServices.logger.mock(),
    });
    const mine = health.dependency('prometheus', {
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    });
    health.dependency('prometheus', {
      isFailure: error => !(error instanceof QueryError),
    });
    await expect(
      mine.execute(async () => {
        throw new QueryError('bad');
      }),
    ).rejects.toBeInstanceOf(QueryError);
    expect(mine.state().breaker).toBe('closed');
  });
});
