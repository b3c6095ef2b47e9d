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
    'keeps the last known values while Prometheus is %s, backs off and logs once',
    async (_name, failure) => {
      const { evaluator, prometheus, store, logger, advance } = await setup(
        () => 0.0005,
      );
      await evaluator.evaluate();
      prometheus.failWith = failure;

      advance(MINUTE);
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'unavailable',
        retryAt: START + 2 * MINUTE,
      });
      // Within the backoff nothing is sent.
      const sent = prometheus.queries.length;
      advance(30_000);
      expect(await evaluator.evaluate()).toMatchObject({ outcome: 'skipped' });
      expect(prometheus.queries).toHaveLength(sent);
      // The next failure doubles the pause.
      advance(30_000);
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'unavailable',
        retryAt: START + 2 * MINUTE + 2 * MINUTE,
      });
      expect(logger.warn).toHaveBeenCalledTimes(1);

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
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('answering again after 2 failed'),
      );
      expect(
        (await store.getCurrentStatus('checkout-availability'))?.evaluatedAt,
      ).toBe(START + 4 * MINUTE);
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
