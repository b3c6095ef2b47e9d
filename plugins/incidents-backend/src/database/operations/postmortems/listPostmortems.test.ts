import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { ListPostmortemsQuery } from '@vigil/backstage-plugin-incidents-common';
import {
  ALICE,
  at,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

const A = 'component:default/a';
const B = 'component:default/b';

describe.each(databases.eachSupportedId())(
  'listPostmortems on %s',
  databaseId => {
    async function setup() {
      const { store } = await migratedStore(databases, databaseId);
      const specs = [
        { n: 1, entityRefs: [A], state: 'draft' as const },
        { n: 2, entityRefs: [B], state: 'published' as const },
        { n: 3, entityRefs: [A, B], state: 'in_review' as const },
      ];
      for (const { n, entityRefs, state } of specs) {
        await store.createIncident(storedIncident(`i${n}`, { entityRefs }), []);
        await store.createPostmortem(
          postmortem(`pm${n}`, `i${n}`, {
            state,
            updatedAt: at(60 + n),
            ...(state === 'published' ? { publishedAt: at(60 + n) } : {}),
          }),
          ALICE,
        );
      }
      const ids = async (
        query: Partial<ListPostmortemsQuery>,
        visible?: readonly string[],
      ) => {
        const page = await store.listPostmortems(
          { limit: 25, offset: 0, ...query },
          visible,
        );
        return { ids: page.items.map(i => i.id), total: page.totalCount };
      };
      return { store, ids };
    }

    it('lists the latest updated first, with their incidents’ severity and entities', async () => {
      const { store, ids } = await setup();
      expect(await ids({})).toEqual({ ids: ['pm3', 'pm2', 'pm1'], total: 3 });
      expect(await ids({ limit: 1, offset: 2 })).toEqual({
        ids: ['pm1'],
        total: 3,
      });
      const page = await store.listPostmortems({ limit: 2, offset: 0 });
      expect(page.items[1]).toEqual({
        id: 'pm2',
        incidentId: 'i2',
        title: 'Postmortem pm2',
        state: 'published',
        incidentSeverity: 'SEV2',
        entityRefs: [B],
        updatedAt: at(62),
        publishedAt: at(62),
      });
      expect(page.items[0]).not.toHaveProperty('publishedAt');
    });

    it('filters by state, entity and visibility', async () => {
      const { ids } = await setup();
      expect(await ids({ state: 'published' })).toEqual({
        ids: ['pm2'],
        total: 1,
      });
      expect(await ids({ entityRef: A })).toEqual({
        ids: ['pm3', 'pm1'],
        total: 2,
      });
      expect(await ids({}, [B])).toEqual({ ids: ['pm3', 'pm2'], total: 2 });
      expect(await ids({}, [])).toEqual({ ids: [], total: 0 });
    });
  },
);
