import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { ListIncidentsQuery } from '@vigil/backstage-plugin-incidents-common';
import { migratedStore, storedIncident } from '../../../__testUtils__/store';

const databases = testDatabases();

const A = 'component:default/a';
const B = 'component:default/b';

describe.each(databases.eachSupportedId())(
  'listIncidents on %s',
  databaseId => {
    async function setup() {
      const { store } = await migratedStore(databases, databaseId);
      const specs = [
        {
          id: 'i1',
          entityRefs: [A],
          ownerRefs: ['group:default/x'],
          title: '100% down',
        },
        {
          id: 'i2',
          entityRefs: [B],
          ownerRefs: ['group:default/y'],
          title: '100 down',
        },
        {
          id: 'i3',
          entityRefs: [A, B],
          ownerRefs: ['group:default/x', 'group:default/y'],
          title: 'Slow',
        },
      ];
      for (const [n, spec] of specs.entries()) {
        const stored = storedIncident(spec.id, { ...spec, minutes: n });
        if (spec.id === 'i2') {
          stored.incident.status = 'resolved';
          stored.incident.severity = 'SEV1';
        }
        await store.createIncident(stored, []);
      }
      const ids = async (
        query: Partial<ListIncidentsQuery>,
        visible?: readonly string[],
      ) => {
        const page = await store.listIncidents(
          { status: 'all', limit: 25, offset: 0, ...query },
          visible,
        );
        return { ids: page.items.map(i => i.id), total: page.totalCount };
      };
      return { store, ids };
    }

    it('lists the latest declared first, a page at a time', async () => {
      const { ids } = await setup();
      expect(await ids({})).toEqual({ ids: ['i3', 'i2', 'i1'], total: 3 });
      expect(await ids({ limit: 1, offset: 1 })).toEqual({
        ids: ['i2'],
        total: 3,
      });
    });

    it('filters by status, severity and title', async () => {
      const { ids } = await setup();
      expect(await ids({ status: 'open' })).toEqual({
        ids: ['i3', 'i1'],
        total: 2,
      });
      expect(await ids({ status: 'resolved' })).toEqual({
        ids: ['i2'],
        total: 1,
      });
      expect(await ids({ severity: 'SEV1' })).toEqual({
        ids: ['i2'],
        total: 1,
      });
      // LIKE wildcards in the search text match themselves.
      expect(await ids({ q: '100%' })).toEqual({ ids: ['i1'], total: 1 });
      expect(await ids({ q: 'DOWN' })).toEqual({ ids: ['i2', 'i1'], total: 2 });
    });

    it('filters by entity and owner', async () => {
      const { ids } = await setup();
      expect(await ids({ entityRef: A })).toEqual({
        ids: ['i3', 'i1'],
        total: 2,
      });
      expect(await ids({ ownerRef: 'group:default/y' })).toEqual({
        ids: ['i3', 'i2'],
        total: 2,
      });
      expect(await ids({ entityRef: A, ownerRef: 'group:default/y' })).toEqual({
        ids: ['i3'],
        total: 1,
      });
    });

    it('keeps only incidents affecting a visible entity', async () => {
      const { ids } = await setup();
      expect(await ids({}, [B])).toEqual({ ids: ['i3', 'i2'], total: 2 });
      expect(await ids({ entityRef: A }, [B])).toEqual({
        ids: ['i3'],
        total: 1,
      });
      expect(await ids({}, [])).toEqual({ ids: [], total: 0 });
    });
  },
);
