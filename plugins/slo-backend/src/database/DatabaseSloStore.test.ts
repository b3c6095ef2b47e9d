import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  entitySpecs,
  MINUTE,
  NOW,
  status,
} from '../__testUtils__/storeFixtures';
import type { SloCurrentStatus } from '../service/types';
import { DatabaseSloStore, sloMigrations } from './DatabaseSloStore';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL
// silently; plain `yarn test` without a database runs SQLite only.
const databases = testDatabases();

describe('DatabaseSloStore', () => {
  it('runs against PostgreSQL when the test command asks for it', () => {
    const required = process.env.VIGIL_REQUIRE_POSTGRES
      ? 'POSTGRES_15'
      : 'SQLITE_3';
    expect(databases.supports(required)).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'migrates up and down on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      for (const table of [
        'slo_entities',
        'slo_definitions',
        'slo_current_status',
        'slo_evaluations',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await sloMigrations.rollback(knex);
      expect(await knex.schema.hasTable('slo_evaluations')).toBe(false);
      expect(await knex.schema.hasTable('slo_entities')).toBe(false);
      // And up again, as after a downgrade and upgrade.
      await sloMigrations.migrate(knex);
      expect(await knex.schema.hasTable('slo_evaluations')).toBe(true);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'stores specs, lists with filters and pagination in the database on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const checkout = entitySpecs('component:default/checkout', 'checkout', {
        owner: 'group:default/payments',
        system: 'system:default/shop',
        lifecycle: 'production',
      });
      const search = entitySpecs('component:default/search', 'search', {
        owner: 'group:default/sre',
        system: 'system:default/shop',
        lifecycle: 'experimental',
      });
      checkout.entity.errors.push({
        source: 'slo.yaml',
        slo: 'broken',
        problem: 'objective must be > 0 and <= 100 (got 101)',
        message:
          'slo.yaml: SLO "broken": objective must be > 0 and <= 100 (got 101)',
      });
      await store.replaceSpecs([checkout, search], NOW);

      expect(await store.listEntityRefs()).toEqual([
        'component:default/checkout',
        'component:default/search',
      ]);
      const entity = await store.getEntity('component:default/checkout');
      expect(entity?.entity.errors[0].problem).toContain('objective');
      expect(entity?.definitions.map(d => d.sloId)).toEqual([
        'checkout-availability',
        'checkout-latency',
      ]);
      expect(entity?.definitions[0].spec.sli.type).toBe('events');

      await store.recordEvaluations([
        status('checkout-availability', 'component:default/checkout', 0.5),
        status('checkout-latency', 'component:default/checkout', -0.2),
        status('search-availability', 'component:default/search', 0.9),
        // search-latency stays never evaluated: no data.
      ]);

      const all = ['component:default/checkout', 'component:default/search'];
      const list = (query: object) =>
        store.listSlos({
          entityRefs: all,
          order: 'asc',
          limit: 50,
          offset: 0,
          ...query,
        });
      const ids = async (query: object) =>
        (await list(query)).items.map(i => i.definition.sloId);

      // Worst budget first, no data last.
      expect(await ids({})).toEqual([
        'checkout-latency',
        'checkout-availability',
        'search-availability',
        'search-latency',
      ]);
      expect(await ids({ order: 'desc' })).toEqual([
        'search-availability',
        'checkout-availability',
        'checkout-latency',
        'search-latency',
      ]);
      const page = await list({ limit: 2, offset: 1 });
      expect(page.totalCount).toBe(4);
      expect(page.items.map(i => i.definition.sloId)).toEqual([
        'checkout-availability',
        'search-availability',
      ]);
      expect(page.items[0].status?.budgetRemaining).toBe(0.5);
      expect(page.items[0].status?.burnRates).toEqual({
        '5m': 0.5,
        '1h': null,
      });

      expect(await ids({ owner: 'group:default/sre' })).toEqual([
        'search-availability',
        'search-latency',
      ]);
      expect(await ids({ lifecycle: 'production', status: 'ok' })).toEqual([
        'checkout-availability',
      ]);
      expect(await ids({ status: 'breaching' })).toEqual(['checkout-latency']);
      expect(await ids({ status: 'no-data' })).toEqual(['search-latency']);
      expect(
        await ids({ system: 'system:default/shop', q: 'SEARCH-lat' }),
      ).toEqual(['search-latency']);
      // LIKE wildcards in q are literal.
      expect(await ids({ q: '%' })).toEqual([]);
      expect(await ids({ q: 'checkout_' })).toEqual([]);
      // Only readable entities.
      expect(
        (
          await store.listSlos({
            entityRefs: ['component:default/search'],
            order: 'asc',
            limit: 1,
            offset: 0,
          })
        ).totalCount,
      ).toBe(2);
      expect(
        (
          await store.listSlos({
            entityRefs: [],
            order: 'asc',
            limit: 1,
            offset: 0,
          })
        ).totalCount,
      ).toBe(0);
      // Every entity (the caller may read all of them).
      expect(
        (await ids({ entityRefs: undefined, q: 'availability' })).sort(),
      ).toEqual(['checkout-availability', 'search-availability']);

      // An entity leaving the catalog takes its SLOs and current status.
      await store.replaceSpecs([checkout], NOW + MINUTE);
      expect(await store.listEntityRefs()).toEqual([
        'component:default/checkout',
      ]);
      expect(await store.getDefinition('search-availability')).toBeUndefined();
      expect(
        await store.getCurrentStatus('search-availability'),
      ).toBeUndefined();
      expect(
        (await store.getCurrentStatus('checkout-availability'))
          ?.budgetRemaining,
      ).toBe(0.5);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    "lists the sandbox's SLOs with the others, without them, or alone on %s",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const meta = {
        owner: 'group:default/payments',
        system: 'system:default/shop',
        lifecycle: 'production',
      };
      await store.replaceSpecs(
        [
          entitySpecs('component:default/checkout', 'checkout', meta),
          entitySpecs('component:sandbox/checkout', 'sandbox-checkout', {
            ...meta,
            system: 'system:sandbox/sandbox',
          }),
          // Namespaces are case-insensitive; a name may say "sandbox".
          entitySpecs('component:Sandbox/inventory', 'sandbox-inventory', meta),
          entitySpecs('component:default/sandbox', 'sandbox', meta),
        ],
        NOW,
      );
      const services = async (sandbox?: 'include' | 'exclude' | 'only') => {
        const { items, totalCount } = await store.listSlos({
          entityRefs: undefined,
          order: 'asc',
          limit: 50,
          offset: 0,
          q: 'availability',
          sandbox,
        });
        expect(totalCount).toBe(items.length);
        return items.map(i => i.definition.sloId).sort();
      };
      const real = ['checkout-availability', 'sandbox-availability'];
      const practice = [
        'sandbox-checkout-availability',
        'sandbox-inventory-availability',
      ];
      expect(await services()).toEqual([...real, ...practice].sort());
      expect(await services('include')).toEqual([...real, ...practice].sort());
      expect(await services('exclude')).toEqual(real);
      expect(await services('only')).toEqual(practice);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'gives the definitions a version that every refresh changes on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const meta = {
        owner: 'group:default/sre',
        system: 'system:default/shop',
        lifecycle: 'production',
      };
      const checkout = entitySpecs(
        'component:default/checkout',
        'checkout',
        meta,
      );
      const search = entitySpecs('component:default/search', 'search', meta);
      const empty = await store.definitionsVersion();
      await store.replaceSpecs([checkout, search], NOW);
      const both = await store.definitionsVersion();
      expect(await store.definitionsVersion()).toBe(both);
      await store.replaceSpecs([checkout], NOW + MINUTE);
      const one = await store.definitionsVersion();
      await store.replaceSpecs([], NOW + 2 * MINUTE);
      expect(
        new Set([empty, both, one, await store.definitionsVersion()]).size,
      ).toBe(3); // empty again reads as empty
      await store.replaceSpecs([checkout], NOW + 3 * MINUTE);
      expect(await store.definitionsVersion()).not.toBe(one);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'keeps history for range reads and prunes it on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const ref = 'component:default/checkout';
      await store.replaceSpecs(
        [
          entitySpecs(ref, 'checkout', {
            owner: 'group:default/a',
            system: 'system:default/b',
            lifecycle: 'production',
          }),
        ],
        NOW,
      );
      for (let i = 0; i < 10; i++) {
        await store.recordEvaluations([
          status(
            'checkout-availability',
            ref,
            i === 3 ? -0.1 : 0.4,
            NOW - i * 60 * MINUTE,
          ),
        ]);
      }
      // A stale re-record (Prometheus down) writes no history row.
      await store.recordEvaluations(
        [status('checkout-availability', ref, 0.4, NOW)],
        { history: false },
      );
      const history = await store.getHistory('checkout-availability', {
        from: NOW - 5 * 60 * MINUTE,
        to: NOW,
        limit: 100,
      });
      expect(history.map(e => e.evaluatedAt)).toEqual(
        [5, 4, 3, 2, 1, 0].map(i => NOW - i * 60 * MINUTE),
      );
      expect(history[2]).toMatchObject({
        budgetRemaining: -0.1,
        status: 'breaching',
        burnRates: { '5m': 0.5, '1h': null },
      });
      // Non-finite numbers never reach the database.
      await store.recordEvaluations([
        {
          ...status('checkout-latency', ref, null, NOW),
          sli: NaN,
          burnRates: { '5m': Infinity },
        },
      ]);
      expect(await store.getCurrentStatus('checkout-latency')).toMatchObject({
        sli: null,
        budgetRemaining: null,
        burnRates: { '5m': null },
        status: 'no-data',
      });

      expect(await store.pruneHistory(NOW - 7 * 60 * MINUTE)).toBe(2);
      expect(
        await store.getHistory('checkout-availability', {
          from: 0,
          to: NOW,
          limit: 100,
        }),
      ).toHaveLength(8);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'keeps every firing alert, and history only for the statuses asked, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      const ref = 'component:default/checkout';
      await store.replaceSpecs(
        [
          entitySpecs(ref, 'checkout', {
            owner: 'group:default/a',
            system: 'system:default/b',
            lifecycle: 'production',
          }),
        ],
        NOW,
      );
      const both: SloCurrentStatus = {
        ...status('checkout-availability', ref, -0.5),
        firingAlert: 'page',
        firingAlerts: ['page', 'ticket'],
      };
      await store.recordEvaluations(
        [both, status('checkout-latency', ref, 0.5)],
        { history: s => s.sloId === 'checkout-availability' },
      );
      expect(
        await store.getCurrentStatus('checkout-availability'),
      ).toMatchObject({
        firingAlert: 'page',
        firingAlerts: ['page', 'ticket'],
      });
      const range = { from: 0, to: NOW, limit: 10 };
      expect(await store.getHistory('checkout-availability', range)).toEqual([
        expect.objectContaining({ firingAlerts: ['page', 'ticket'] }),
      ]);
      expect(await store.getHistory('checkout-latency', range)).toEqual([]);
      const listed = await store.listSlos({
        entityRefs: [ref],
        order: 'asc',
        limit: 10,
        offset: 0,
      });
      expect(listed.items[0].status).toMatchObject({
        firingAlerts: ['page', 'ticket'],
      });

      // Rows written before the column existed only name the most severe.
      await knex('slo_evaluations').insert({
        slo_id: 'checkout-latency',
        entity_ref: ref,
        evaluated_at: NOW - MINUTE,
        burn_rates: '{}',
        firing_alert: 'ticket',
        status: 'warning',
      });
      expect(await store.getHistory('checkout-latency', range)).toEqual([
        expect.objectContaining({
          firingAlert: 'ticket',
          firingAlerts: ['ticket'],
        }),
      ]);
      await sloMigrations.rollback(knex);
    },
    60_000,
  );
});
