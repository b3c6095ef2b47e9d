import { testDatabases } from '@vigil/backend-kit/testUtils';
import { MINUTE, NOW, status } from '../__testUtils__/storeFixtures';
import { DatabaseSloStore, sloMigrations } from './DatabaseSloStore';
import { statusToRow } from './rows';

const databases = testDatabases();

describe('DatabaseSloStore.getChartHistory', () => {
  it.each(databases.eachSupportedId())(
    'downsamples history for a chart in the database, counting every evaluation, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const ref = 'component:default/checkout';
      const sloId = 'checkout-availability';
      const start = NOW - 1_000 * MINUTE;
      // 240 evaluations a minute apart: a slow burn with a one-minute
      // breach at 123, a no-data gap at 50, warnings from 200 to 209.
      const history = Array.from({ length: 240 }, (_, i) => {
        let budget: number | null = 0.9 - i * 0.001;
        if (i === 50) budget = null;
        if (i === 123) budget = -0.3;
        return {
          ...status(sloId, ref, budget, start + i * MINUTE),
          ...(i >= 200 && i < 210 && { status: 'warning' as const }),
        };
      });
      const rows = history.map(statusToRow);
      for (let i = 0; i < rows.length; i += 50) {
        await knex('slo_evaluations').insert(rows.slice(i, i + 50));
      }
      // An evaluation of another SLO and one outside the range are ignored.
      await knex('slo_evaluations').insert([
        statusToRow(status('checkout-latency', ref, -1, start + MINUTE)),
        statusToRow(status(sloId, ref, -1, start - MINUTE)),
      ]);
      const range = { from: start, to: NOW, limit: 20_000 };

      // Reference: 10 equal buckets from the first evaluation to the last;
      // each keeps its last, its lowest budget (ties: the latest) and the
      // first of its most severe status unless ok.
      const severity = { breaching: 0, warning: 1, 'no-data': 2, ok: 3 };
      const width = 239 * MINUTE + 1;
      const kept = new Set<number>();
      for (let bucket = 0; bucket < 10; bucket++) {
        const inBucket = history
          .map((_, index) => index)
          .filter(
            index =>
              Math.floor(
                ((history[index].evaluatedAt - start) * 10) / width,
              ) === bucket,
          );
        const budgetOf = (i: number) => history[i].budgetRemaining ?? Infinity;
        const severityOf = (i: number) => severity[history[i].status];
        kept.add(inBucket[inBucket.length - 1]);
        kept.add(
          inBucket.reduce((low, i) => (budgetOf(i) <= budgetOf(low) ? i : low)),
        );
        const worst = inBucket.reduce((w, i) =>
          severityOf(i) < severityOf(w) ? i : w,
        );
        if (history[worst].status !== 'ok') kept.add(worst);
      }
      const expectedTimes = [...kept]
        .sort((x, y) => x - y)
        .map(i => history[i].evaluatedAt);

      const chart = await store.getChartHistory(sloId, {
        ...range,
        points: 10,
      });
      expect(chart.counts).toEqual({
        evaluations: 240,
        evaluationsWithData: 239,
        evaluationsOverBudget: 1,
      });
      expect(chart.evaluations.map(e => e.evaluatedAt)).toEqual(expectedTimes);
      expect(chart.evaluations.length).toBeLessThanOrEqual(30);
      // The breach, the gap, the first warning and the latest value are kept.
      expect(chart.evaluations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            evaluatedAt: start + 123 * MINUTE,
            budgetRemaining: -0.3,
            status: 'breaching',
            burnRates: { '5m': 0.5, '1h': null },
          }),
          expect.objectContaining({
            evaluatedAt: start + 50 * MINUTE,
            budgetRemaining: null,
          }),
          expect.objectContaining({
            evaluatedAt: start + 200 * MINUTE,
            status: 'warning',
          }),
          expect.objectContaining({ evaluatedAt: start + 239 * MINUTE }),
        ]),
      );
      // `limit` still caps what is returned, the first ones.
      const capped = await store.getChartHistory(sloId, {
        ...range,
        limit: 3,
        points: 10,
      });
      expect(capped.evaluations.map(e => e.evaluatedAt)).toEqual(
        expectedTimes.slice(0, 3),
      );
      expect(capped.counts.evaluations).toBe(240);

      // No more evaluations than points: all of them, as they are.
      const few = await store.getChartHistory(sloId, {
        from: start + 100 * MINUTE,
        to: start + 109 * MINUTE,
        limit: 100,
        points: 10,
      });
      expect(few.evaluations.map(e => e.evaluatedAt)).toEqual(
        Array.from({ length: 10 }, (_, i) => start + (100 + i) * MINUTE),
      );
      // An empty range.
      expect(
        await store.getChartHistory(sloId, {
          from: NOW + MINUTE,
          to: NOW + 2 * MINUTE,
          limit: 100,
          points: 10,
        }),
      ).toEqual({
        counts: {
          evaluations: 0,
          evaluationsWithData: 0,
          evaluationsOverBudget: 0,
        },
        evaluations: [],
      });
    },
    60_000,
  );
});
