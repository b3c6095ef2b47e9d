import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  definitionsFrom,
  memoryCache,
  SPEC_YAML,
} from '../__testUtils__/fixtures';
import { DatabaseSloStore, sloMigrations } from '../database/DatabaseSloStore';
import {
  InstantQueryClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
  VectorSample,
} from './PrometheusClient';
import {
  SloEvaluator,
  SloEvaluatorOptions,
  statusCacheKey,
} from './SloEvaluator';
import type { SloDefinition } from './types';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const START = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const ENTITY = 'component:default/checkout';

const RECORDING = /^slo:sli_error:ratio_rate([0-9a-z]+)\{sloth_id!=""\}$/;

/**
 * Answers raw queries from a window -> (sloId -> value) table, and the
 * recording selectors from `recordings` (by default none are loaded).
 */
class FakePrometheus implements InstantQueryClient {
  queries: string[] = [];
  failWith: Error | undefined;
  recordings: (window: string) => VectorSample[] = () => [];
  constructor(
    public values: (window: string, sloId: string) => number | undefined,
  ) {}
  get rawQueries() {
    return this.queries.filter(query => !RECORDING.test(query));
  }
  get recordingQueries() {
    return this.queries.filter(query => RECORDING.test(query));
  }
  async queryVector(query: string): Promise<VectorSample[]> {
    this.queries.push(query);
    if (this.failWith) throw this.failWith;
    const recording = query.match(RECORDING);
    if (recording) return this.recordings(recording[1]);
    if (query.includes('broken_metric')) {
      throw new PrometheusQueryError('parse error: unexpected identifier');
    }
    const window = query.match(/\[([0-9a-z]+)\]/)![1];
    const ids = [...query.matchAll(/"vigil_slo_id", "([^"]+)"/g)].map(
      m => m[1],
    );
    return ids.flatMap(sloId => {
      const value = this.values(window, sloId);
      return value === undefined
        ? []
        : [{ labels: { vigil_slo_id: sloId }, value }];
    });
  }
}

/** A recorded series of checkout's SLO `slo` as Sloth's rules write it. */
const recordedSample = (slo: string, window: string, value: number) => ({
  labels: {
    __name__: `slo:sli_error:ratio_rate${window}`,
    sloth_id: `checkout-${slo}`,
    sloth_service: 'checkout',
    sloth_slo: slo,
    sloth_window: window,
  },
  value,
});

const OTHER_ENTITY = 'component:default/search';

async function setup(
  values: (window: string, sloId: string) => number | undefined,
  yaml = SPEC_YAML,
  extra: Partial<SloEvaluatorOptions> & {
    twoEntities?: boolean;
    /** More entities, with definitions as they are given. */
    entities?: Array<{ entityRef: string; definitions: SloDefinition[] }>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  await sloMigrations.migrate(knex);
  const store = new DatabaseSloStore(knex);
  const entity = (
    entityRef: string,
    specYaml: string,
    definitions = definitionsFrom(specYaml, entityRef),
  ) => ({
    entity: {
      entityRef,
      specSource: { type: 'inline' as const },
      errors: [],
      warnings: [],
    },
    definitions,
  });
  await store.replaceSpecs(
    [
      // Listed out of order: the signal sorts the refs.
      ...(extra.twoEntities
        ? [
            entity(
              OTHER_ENTITY,
              SPEC_YAML.replace('service: checkout', 'service: search'),
            ),
          ]
        : []),
      ...(extra.entities ?? []).map(e =>
        entity(e.entityRef, '', e.definitions),
      ),
      entity(ENTITY, yaml),
    ],
    START,
  );
  const prometheus = new FakePrometheus(values);
  const logger = mockServices.logger.mock();
  const cache = memoryCache();
  let now = START;
  const evaluator = new SloEvaluator({
    store,
    client: prometheus,
    cache,
    logger,
    thresholds: { warningBudgetRemaining: 0.25 },
    maxQueryLength: 8000,
    backoff: { initialMs: MINUTE, maxMs: 10 * MINUTE },
    now: () => now,
    ...extra,
  });
  return {
    store,
    prometheus,
    logger,
    cache,
    evaluator,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

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

  describe('with the recording rules loaded', () => {
    const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'];

    it('reads every SLO from one selector per window', async () => {
      // Raw queries would answer differently: they must not be sent.
      const { evaluator, prometheus, store } = await setup(() => 0.9);
      prometheus.recordings = window => [
        recordedSample('availability', window, 0.0005),
        recordedSample('latency', window, 0.02),
      ];
      for (let cycle = 0; cycle < 2; cycle++) {
        prometheus.queries = [];
        expect(await evaluator.evaluate()).toEqual({
          outcome: 'evaluated',
          evaluated: 2,
          queries: 8,
          windows: { recorded: 16, raw: 0 },
        });
        expect(prometheus.queries.sort()).toEqual(
          WINDOWS.map(w => `slo:sli_error:ratio_rate${w}{sloth_id!=""}`).sort(),
        );
      }
      const availability = await store.getCurrentStatus(
        'checkout-availability',
      );
      expect(availability).toMatchObject({ status: 'ok', sli: 0.0005 });
      expect(availability?.burnRates['5m']).toBeCloseTo(0.5, 9);
      expect(await store.getCurrentStatus('checkout-latency')).toMatchObject({
        status: 'breaching',
        sli: 0.02,
      });
    });

    it('queries raw only the SLOs and windows without a recorded value', async () => {
      const { evaluator, prometheus, store } = await setup(() => 0.001);
      // Availability recorded but for its period; latency not at all.
      prometheus.recordings = window =>
        window === '30d' ? [] : [recordedSample('availability', window, 0)];
      expect(await evaluator.evaluate()).toMatchObject({
        queries: 16,
        windows: { recorded: 7, raw: 9 },
      });
      const raw = prometheus.rawQueries;
      expect(raw).toHaveLength(8);
      for (const query of raw) {
        expect(query).toContain('"checkout-latency"');
        expect(query.includes('"checkout-availability"')).toBe(
          query.includes('[30d]'),
        );
      }
      const availability = await store.getCurrentStatus(
        'checkout-availability',
      );
      expect(availability).toMatchObject({ sli: 0.001 });
      expect(availability?.burnRates['1h']).toBe(0);
      expect(await store.getCurrentStatus('checkout-latency')).toMatchObject({
        sli: 0.001,
      });
    });

    it('keeps a healthy service without an error series at zero errors, not no data', async () => {
      // Sloth's recording divides an absent error series: it records
      // nothing. The raw query counts the absent errors as zero.
      const { evaluator, prometheus, store } = await setup((_window, sloId) =>
        sloId === 'checkout-availability' ? 0 : undefined,
      );
      prometheus.recordings = window => [
        recordedSample('latency', window, 0.001),
      ];
      await evaluator.evaluate();
      expect(prometheus.rawQueries).toHaveLength(8);
      for (const query of prometheus.rawQueries) {
        expect(query).toContain('or on()');
        expect(query).not.toContain('"checkout-latency"');
      }
      expect(
        await store.getCurrentStatus('checkout-availability'),
      ).toMatchObject({
        status: 'ok',
        sli: 0,
        budgetRemaining: 1,
        error: null,
      });
    });

    it('evaluates SLOs whose sloth labels another SLO shares from raw', async () => {
      // Another entity declares the same service and SLO name: the same
      // recorded series could be either's.
      const twin = definitionsFrom(SPEC_YAML, OTHER_ENTITY)
        .slice(0, 1)
        .map(d => ({ ...d, sloId: 'search-checkout-availability' }));
      const { evaluator, prometheus, store } = await setup(
        () => 0.0005,
        SPEC_YAML,
        { entities: [{ entityRef: OTHER_ENTITY, definitions: twin }] },
      );
      prometheus.recordings = window => [
        recordedSample('availability', window, 0.5),
        recordedSample('latency', window, 0.5),
      ];
      expect(await evaluator.evaluate()).toMatchObject({
        evaluated: 3,
        windows: { recorded: 8, raw: 16 },
      });
      for (const query of prometheus.rawQueries) {
        expect(query).toContain('"checkout-availability"');
        expect(query).toContain('"search-checkout-availability"');
        expect(query).not.toContain('"checkout-latency"');
      }
      for (const sloId of [
        'checkout-availability',
        'search-checkout-availability',
      ]) {
        expect(await store.getCurrentStatus(sloId)).toMatchObject({
          sli: 0.0005,
        });
      }
      expect(await store.getCurrentStatus('checkout-latency')).toMatchObject({
        sli: 0.5,
      });
    });

    it('falls back to raw for a window whose selector Prometheus rejects', async () => {
      const { evaluator, prometheus, store } = await setup(() => 0.0005);
      prometheus.recordings = window => {
        if (window === '5m') throw new PrometheusQueryError('bad selector');
        return [recordedSample('availability', window, 0.0001)];
      };
      expect(await evaluator.evaluate()).toMatchObject({
        windows: { recorded: 7, raw: 9 },
      });
      const status = await store.getCurrentStatus('checkout-availability');
      expect(status).toMatchObject({ sli: 0.0001, error: null });
      expect(status?.burnRates['5m']).toBeCloseTo(0.5, 9);
    });
  });
});
