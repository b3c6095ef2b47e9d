import { testDatabases } from '@vigil/backend-kit/testUtils';
import { entitySpecs, NOW, status } from '../__testUtils__/storeFixtures';
import { DatabaseSloStore, sloMigrations } from './DatabaseSloStore';

const databases = testDatabases();

describe('DatabaseSloStore.listSlos', () => {
  it.each(databases.eachSupportedId())(
    'pages through SLOs with and without a budget in one order, without their specs, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const services = ['aa', 'bb', 'cc', 'dd', 'ee', 'ff'];
      const refOf = (service: string) => `component:default/${service}`;
      await store.replaceSpecs(
        services.map(service =>
          entitySpecs(refOf(service), service, {
            owner: `group:default/${service === 'aa' ? 'x' : 'y'}`,
            system: 'system:default/shop',
            lifecycle: 'production',
          }),
        ),
        NOW,
      );
      // Ties (0.5 three times), an overspent budget, no data, and SLOs
      // never evaluated (ee-*, ff-latency).
      const budgets: Record<string, number | null> = {
        'aa-availability': 0.5,
        'aa-latency': null,
        'bb-availability': 0.5,
        'bb-latency': -0.25,
        'cc-availability': 0.9,
        'cc-latency': 0.5,
        'dd-availability': null,
        'dd-latency': 0.1,
        'ff-availability': 1,
      };
      await store.recordEvaluations(
        Object.entries(budgets).map(([sloId, budget]) =>
          status(sloId, refOf(sloId.split('-')[0]), budget),
        ),
      );
      const allIds = services.flatMap(service => [
        `${service}-availability`,
        `${service}-latency`,
      ]);
      // The order the list promises: by budget, ties by id, no data last by id.
      const expected = (
        order: 'asc' | 'desc',
        keep: (id: string) => boolean = () => true,
      ) => {
        const ids = allIds.filter(keep);
        const withBudget = ids
          .filter(id => typeof budgets[id] === 'number')
          .sort((x, y) => {
            const byBudget = (budgets[x] as number) - (budgets[y] as number);
            if (byBudget !== 0) return order === 'asc' ? byBudget : -byBudget;
            return x < y ? -1 : 1;
          });
        const without = ids
          .filter(id => typeof budgets[id] !== 'number')
          .sort();
        return [...withBudget, ...without];
      };
      for (const order of ['asc', 'desc'] as const) {
        for (const limit of [1, 3, 5, 12, 20]) {
          for (let offset = 0; offset <= 13; offset++) {
            const page = await store.listSlos({
              entityRefs: undefined,
              order,
              limit,
              offset,
            });
            expect({
              order,
              limit,
              offset,
              totalCount: page.totalCount,
            }).toEqual({ order, limit, offset, totalCount: 12 });
            expect({
              order,
              limit,
              offset,
              ids: page.items.map(item => item.definition.sloId),
            }).toEqual({
              order,
              limit,
              offset,
              ids: expected(order).slice(offset, offset + limit),
            });
          }
        }
      }
      // Filters apply to both parts, and to the counts.
      const readable = [refOf('aa'), refOf('bb'), refOf('ee')];
      for (let offset = 0; offset <= 6; offset++) {
        const page = await store.listSlos({
          entityRefs: readable,
          order: 'asc',
          limit: 2,
          offset,
        });
        expect(page.totalCount).toBe(6);
        expect(page.items.map(item => item.definition.sloId)).toEqual(
          expected('asc', id =>
            readable.includes(refOf(id.split('-')[0])),
          ).slice(offset, offset + 2),
        );
      }
      const noData = await store.listSlos({
        entityRefs: undefined,
        status: 'no-data',
        order: 'asc',
        limit: 10,
        offset: 1,
      });
      expect(noData.totalCount).toBe(5);
      expect(noData.items.map(item => item.definition.sloId)).toEqual([
        'dd-availability',
        'ee-availability',
        'ee-latency',
        'ff-latency',
      ]);

      const [first] = (
        await store.listSlos({
          entityRefs: [refOf('bb')],
          order: 'asc',
          limit: 1,
          offset: 0,
        })
      ).items;
      expect(first.definition).toEqual({
        sloId: 'bb-latency',
        entityRef: refOf('bb'),
        service: 'bb',
        name: 'latency',
        objectivePercent: 99,
        period: '30d',
        owner: 'group:default/y',
        system: 'system:default/shop',
        lifecycle: 'production',
      });
      expect(first.status).toMatchObject({
        budgetRemaining: -0.25,
        status: 'breaching',
        burnRates: { '5m': 0.5, '1h': null },
      });
    },
    60_000,
  );
});
