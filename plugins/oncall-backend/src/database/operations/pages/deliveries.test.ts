import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { PageDelivery } from '../../OnCallStore';
import {
  ALICE,
  BOB,
  CAROL,
  MINUTE,
  migratedStore,
  newPage,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

function delivery(
  pageId: string,
  userRef: string,
  overrides: Partial<PageDelivery> = {},
): PageDelivery {
  return {
    pageId,
    repeatIndex: 0,
    stepIndex: 0,
    userRef,
    channel: 'notification',
    via: 'schedule:s1',
    at: T0,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'page deliveries and the page list on %s',
  databaseId => {
    it('records deliveries once, however often they are retried', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const page = await store.createPage(newPage());
      const first = [
        delivery(page.id, ALICE),
        delivery(page.id, ALICE, { channel: 'email' }),
      ];
      await store.recordDeliveries(first);
      await store.recordDeliveries([
        delivery(page.id, ALICE, {
          at: T0 + MINUTE,
          via: 'user:default/alice',
        }),
        delivery(page.id, BOB, { stepIndex: 1, at: T0 + MINUTE }),
      ]);
      await store.recordDeliveries([]);
      expect(await store.listDeliveries([page.id, 'missing'])).toEqual([
        first[1],
        first[0],
        delivery(page.id, BOB, { stepIndex: 1, at: T0 + MINUTE }),
      ]);
      expect(await store.listDeliveries([])).toEqual([]);
      // Many at once (more than one insert statement).
      const many = Array.from({ length: 120 }, (_, i) =>
        delivery(page.id, `user:default/u${i}`, { repeatIndex: 1 }),
      );
      await store.recordDeliveries([...many, ...many]);
      expect(await store.listDeliveries([page.id])).toHaveLength(123);
    });

    it('lists pages newest first by incident, entity, user reached and status', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const a = await store.createPage(
        newPage({ incidentId: 'i1', openedAt: T0 }),
      );
      const b = await store.createPage(
        newPage({
          incidentId: 'i1',
          openedAt: T0 + MINUTE,
          entityRef: 'component:default/other',
        }),
      );
      const c = await store.createPage(newPage({ openedAt: T0 + 2 * MINUTE }));
      await store.acknowledgePage(c.id, CAROL, T0 + 3 * MINUTE);
      await store.recordDeliveries([
        delivery(a.id, CAROL),
        delivery(a.id, CAROL, { channel: 'email' }),
        delivery(c.id, CAROL),
        delivery(b.id, BOB),
      ]);
      const list = async (query: object) => {
        const page = await store.listPages({ limit: 10, offset: 0, ...query });
        return { ids: page.items.map(p => p.id), total: page.total };
      };
      expect(await list({})).toEqual({ ids: [c.id, b.id, a.id], total: 3 });
      expect(await list({ incidentId: 'i1' })).toEqual({
        ids: [b.id, a.id],
        total: 2,
      });
      expect(await list({ entityRef: 'component:default/other' })).toEqual({
        ids: [b.id],
        total: 1,
      });
      expect(await list({ userRef: CAROL })).toEqual({
        ids: [c.id, a.id],
        total: 2,
      });
      expect(await list({ userRef: CAROL, status: ['open'] })).toEqual({
        ids: [a.id],
        total: 1,
      });
      expect(await list({ status: ['acknowledged', 'resolved'] })).toEqual({
        ids: [c.id],
        total: 1,
      });
      expect(await list({ status: [] })).toEqual({ ids: [], total: 0 });
      expect(await list({ limit: 1, offset: 1 })).toEqual({
        ids: [b.id],
        total: 3,
      });
      expect(await list({ limit: 1, offset: 3 })).toEqual({
        ids: [],
        total: 3,
      });
    });
  },
);
