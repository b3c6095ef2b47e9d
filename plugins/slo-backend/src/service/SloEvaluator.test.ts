import { PrometheusUnavailableError } from './PrometheusClient';
import { statusCacheKey } from './SloEvaluator';
import { SPEC_YAML } from '../__testUtils__/fixtures';
import {
  ENTITY,
  MINUTE,
  OTHER_ENTITY,
  START,
  testEvaluators,
} from '../__testUtils__/evaluator';

const { setup } = testEvaluators();

describe('SloEvaluator', () => {
  it('batches one query per window, not per SLO, and records statuses', async () => {
    const { evaluator, prometheus, store, cache } = await setup(
      (_window, sloId) => (sloId === 'checkout-availability' ? 0.0005 : 0),
    );
    const result = await evaluator.evaluate();
    // No recording rules loaded: a selector per window finds nothing, then
    // 7 burn-rate windows plus the 30d period raw, both SLOs in each query.
    expect(result).toEqual({
      outcome: 'evaluated',
      evaluated: 2,
      queries: 16,
      windows: { recorded: 0, raw: 16 },
    });
    expect(prometheus.recordingQueries).toHaveLength(8);
    expect(prometheus.rawQueries).toHaveLength(8);
    for (const query of prometheus.rawQueries) {
      expect(query).toContain('"checkout-availability"');
      expect(query).toContain('"checkout-latency"');
      expect(query).toContain(') or max by');
    }
    const status = await store.getCurrentStatus('checkout-availability');
    expect(status).toMatchObject({
      status: 'ok',
      sli: 0.0005,
      evaluatedAt: START,
    });
    expect(status?.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(await cache.get(statusCacheKey('checkout-latency'))).toMatchObject({
      status: 'ok',
      budgetRemaining: 1,
    });
    expect(
      await store.getHistory('checkout-availability', {
        from: 0,
        to: START,
        limit: 10,
      }),
    ).toHaveLength(1);
  });

  it.each([
    {
      name: 'zero traffic (NaN)',
      value: NaN,
      expected: { status: 'no-data', sli: null, budgetRemaining: null },
    },
    {
      name: 'missing series',
      value: undefined,
      expected: { status: 'no-data', sli: null, budgetRemaining: null },
    },
    {
      name: '100% errors',
      value: 1,
      expected: { status: 'breaching', sli: 1, firingAlert: 'page' },
    },
    {
      name: 'no errors',
      value: 0,
      expected: { status: 'ok', sli: 0, budgetRemaining: 1, firingAlert: null },
    },
  ])('turns $name into a status', async ({ value, expected }) => {
    const { evaluator, store } = await setup(() => value);
    await evaluator.evaluate();
    const status = await store.getCurrentStatus('checkout-availability');
    expect(status).toMatchObject(expected);
    expect(JSON.stringify(status)).not.toMatch(/NaN|Infinity/);
  });

  it.each([
    ['unreachable', new PrometheusUnavailableError('connect ECONNREFUSED')],
    [
      'timing out',
      new PrometheusUnavailableError(
        'The operation was aborted due to timeout',
      ),
    ],
  ])(
    'keeps the last known values while Prometheus is %s and records the outage for every replica',
    async (_name, failure) => {
      const { evaluator, prometheus, store, logger, advance } = await setup(
        () => 0.0005,
      );
      await evaluator.evaluate();
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: START,
        lastSuccessAt: START,
        unreachableSince: null,
        lastError: null,
      });
      prometheus.failWith = failure;

      // Every cycle tries (the circuit breaker makes that cheap while
      // Prometheus is down) and records its attempt; the outage keeps its
      // start.
      advance(MINUTE);
      expect(await evaluator.evaluate()).toEqual({
        outcome: 'unavailable',
        error: failure.message,
      });
      advance(15_000);
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'unavailable',
      });
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: START + MINUTE + 15_000,
        lastSuccessAt: START,
        unreachableSince: START + MINUTE,
        lastError: failure.message,
      });
      // Logging the outage is the dependency's (once per outage), not
      // once per cycle here.
      expect(logger.warn).not.toHaveBeenCalled();

      const kept = await store.getCurrentStatus('checkout-availability');
      expect(kept).toMatchObject({
        evaluatedAt: START,
        sli: 0.0005,
        status: 'ok',
      });
      expect(
        await store.getHistory('checkout-availability', {
          from: 0,
          to: START + 10 * MINUTE,
          limit: 10,
        }),
      ).toHaveLength(1);

      prometheus.failWith = undefined;
      advance(2 * MINUTE);
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'evaluated',
      });
      const recovered = START + 3 * MINUTE + 15_000;
      expect(
        (await store.getCurrentStatus('checkout-availability'))?.evaluatedAt,
      ).toBe(recovered);
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: recovered,
        lastSuccessAt: recovered,
        unreachableSince: null,
        lastError: null,
      });
    },
  );

  it('isolates an SLO whose query Prometheus rejects', async () => {
    const yaml = SPEC_YAML.replace(
      'slow_requests_total{job="checkout"}',
      'broken_metric{job="checkout"}',
    );
    const { evaluator, store } = await setup(() => 0.0005, yaml);
    expect(await evaluator.evaluate()).toMatchObject({ outcome: 'evaluated' });
    expect(await store.getCurrentStatus('checkout-availability')).toMatchObject(
      {
        status: 'ok',
        error: null,
      },
    );
    expect(await store.getCurrentStatus('checkout-latency')).toMatchObject({
      status: 'no-data',
      error: expect.stringContaining('parse error'),
    });
  });

  it('announces each cycle once on the vigil-slo channel, naming the evaluated entities', async () => {
    const signals = { publish: jest.fn().mockResolvedValue(undefined) };
    const { evaluator, prometheus, advance } = await setup(
      () => 0.0005,
      SPEC_YAML,
      { signals, twoEntities: true },
    );
    await evaluator.evaluate();
    expect(signals.publish).toHaveBeenCalledTimes(1);
    expect(signals.publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'vigil-slo',
      message: {
        type: 'evaluated',
        entityRefs: [ENTITY, OTHER_ENTITY],
        evaluatedAt: '2026-06-01T12:00:00.000Z',
      },
    });

    // Unchanged results are still announced: their evaluation time is new.
    advance(15_000);
    await evaluator.evaluate();
    expect(signals.publish).toHaveBeenCalledTimes(2);
    expect(signals.publish.mock.calls[1][0].message.evaluatedAt).toBe(
      '2026-06-01T12:00:15.000Z',
    );

    // Nothing was evaluated while Prometheus is down: nothing to announce.
    prometheus.failWith = new PrometheusUnavailableError('down');
    advance(15_000);
    expect(await evaluator.evaluate()).toMatchObject({
      outcome: 'unavailable',
    });
    expect(signals.publish).toHaveBeenCalledTimes(2);
  });

  it('keeps evaluating when the signal cannot be published', async () => {
    const signals = { publish: jest.fn().mockRejectedValue(new Error('no')) };
    const { evaluator, store, logger } = await setup(() => 0.0005, SPEC_YAML, {
      signals,
    });
    expect(await evaluator.evaluate()).toMatchObject({ outcome: 'evaluated' });
    expect(await store.getCurrentStatus('checkout-availability')).toMatchObject(
      { status: 'ok' },
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not publish'),
    );
  });

  it('keeps one history row per interval, and every change of status or alerts', async () => {
    let ratio = 0.0005;
    const { evaluator, store, advance } = await setup(() => ratio, SPEC_YAML, {
      historyIntervalMs: MINUTE,
    });
    const history = () =>
      store.getHistory('checkout-availability', {
        from: 0,
        to: START + 10 * MINUTE,
        limit: 100,
      });
    await evaluator.evaluate(); // START: first row
    advance(15_000);
    await evaluator.evaluate(); // same status within the minute: none
    advance(15_000);
    ratio = 1;
    await evaluator.evaluate(); // breaching now: a row at once
    advance(15_000);
    await evaluator.evaluate(); // none
    advance(MINUTE);
    await evaluator.evaluate(); // a minute after the last row: a row
    expect(
      (await history()).map(e => [e.evaluatedAt - START, e.status]),
    ).toEqual([
      [0, 'ok'],
      [30_000, 'breaching'],
      [105_000, 'breaching'],
    ]);
    // The current status follows every evaluation.
    expect(
      (await store.getCurrentStatus('checkout-availability'))?.evaluatedAt,
    ).toBe(START + 105_000);
  });
});
