import { PrometheusQueryError } from './PrometheusClient';
import { definitionsFrom, SPEC_YAML } from '../__testUtils__/fixtures';
import {
  OTHER_ENTITY,
  recordedSample,
  testEvaluators,
} from '../__testUtils__/evaluator';

const { setup } = testEvaluators();

describe('SloEvaluator', () => {
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
