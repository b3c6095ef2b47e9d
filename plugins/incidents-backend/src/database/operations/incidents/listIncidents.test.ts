import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  INCIDENT_LIST_COUNT_CAP,
  decodeIncidentCursor,
  type ListIncidentsQuery,
} from '@vigil/backstage-plugin-incidents-common';
import { migratedStore, storedIncident } from '../../../__testUtils__/store';
import { incidentToRow } from './rows';

const databases = testDatabases();

const A = 'component:default/a';
const B = 'component:default/b';

describe.each(databases.eachSupportedId())(
  'listIncidents on %s',
  databaseId => {
    async function setup() {
      const { store, knex } = await migratedStore(databases, databaseId);
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
      return { store, knex, ids };
    }

    /** Every page from the first, following `nextCursor`: the ids of each. */
    async function pagesByCursor(
      store: Awaited<ReturnType<typeof setup>>['store'],
      query: Partial<ListIncidentsQuery>,
    ) {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listIncidents({
          status: 'all',
          limit: 1,
          offset: 0,
          ...query,
          ...(cursor ? { cursor: decodeIncidentCursor(cursor) } : {}),
        });
        pages.push(page.items.map(i => i.id));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      return pages;
    }

    it('lists the latest declared first, a page at a time', async () => {
      const { ids } = await setup();
      expect(await ids({})).toEqual({ ids: ['i3', 'i2', 'i1'], total: 3 });
      expect(await ids({ limit: 1, offset: 1 })).toEqual({
        ids: ['i2'],
        total: 3,
      });
    });

    it('pages by cursor after the last row, in list order, to the end', async () => {
      const { store } = await setup();
      expect(await pagesByCursor(store, {})).toEqual([['i3'], ['i2'], ['i1']]);
      expect(await pagesByCursor(store, { entityRef: A })).toEqual([
        ['i3'],
        ['i1'],
      ]);
      expect(
        await pagesByCursor(store, { ownerRef: 'group:default/y' }),
      ).toEqual([['i3'], ['i2']]);
      expect(await pagesByCursor(store, { q: 'down' })).toEqual([
        ['i2'],
        ['i1'],
      ]);
      // The last page has no next cursor; the total is that of the filter.
      const last = await store.listIncidents({
        status: 'all',
        limit: 25,
        offset: 0,
      });
      expect(last).toMatchObject({ totalCount: 3 });
      expect(last).not.toHaveProperty('nextCursor');
      expect(last).not.toHaveProperty('totalCountCapped');
    });

    it('breaks ties of declaration time by id, and skips nothing', async () => {
      const { store } = await setup();
      for (const id of ['t1', 't3', 't2']) {
        await store.createIncident(storedIncident(id, { minutes: 60 }), []);
      }
      expect(await pagesByCursor(store, { limit: 2 })).toEqual([
        ['t3', 't2'],
        ['t1', 'i3'],
        ['i2', 'i1'],
      ]);
      // A cursor is a position, not a row: it holds after that row is gone.
      const page = await store.listIncidents({
        status: 'all',
        limit: 25,
        offset: 0,
        cursor: decodeIncidentCursor(
          (
            await store.listIncidents({ status: 'all', limit: 2, offset: 0 })
          ).nextCursor!,
        ),
      });
      expect(page.items.map(i => i.id)).toEqual(['t1', 'i3', 'i2', 'i1']);
    });

    it(`counts up to ${INCIDENT_LIST_COUNT_CAP} matches and says when there are more`, async () => {
      const { store, knex } = await setup();
      // Older copies of one incident, past the cap with the three above.
      const row = incidentToRow(storedIncident('bulk').incident, []);
      const rows = Array.from({ length: INCIDENT_LIST_COUNT_CAP }, (_, n) => ({
        ...row,
        id: `bulk-${n}`,
        declared_at: Number(row.declared_at) - (n + 1) * 60_000,
      }));
      await knex.batchInsert('incidents', rows, 200);
      const page = await store.listIncidents({
        status: 'all',
        limit: 2,
        offset: 0,
      });
      expect(page).toMatchObject({
        totalCount: INCIDENT_LIST_COUNT_CAP,
        totalCountCapped: true,
      });
      expect(page.items.map(i => i.id)).toEqual(['i3', 'i2']);
      // A narrower filter is counted exactly.
      expect(
        await store.listIncidents({ status: 'resolved', limit: 2, offset: 0 }),
      ).toMatchObject({ totalCount: 1 });
    }, 60_000);

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

    it('finds titles through the trigram index, following renames', async () => {
      const { ids, knex } = await setup();
      // Three characters and more go through the index; fewer are a scan.
      expect(await ids({ q: 'SLO' })).toEqual({ ids: ['i3'], total: 1 });
      expect(await ids({ q: 'lo' })).toEqual({ ids: ['i3'], total: 1 });
      expect(await ids({ q: '100 d' })).toEqual({ ids: ['i2'], total: 1 });
      // Query syntax is text: quotes, stars and operators match themselves.
      expect(await ids({ q: '"down' })).toEqual({ ids: [], total: 0 });
      expect(await ids({ q: 'OR *' })).toEqual({ ids: [], total: 0 });
      expect(await ids({ q: 'down', entityRef: A })).toEqual({
        ids: ['i1'],
        total: 1,
      });
      await knex('incidents')
        .where({ id: 'i3' })
        .update({ title: 'Quick "fix"' });
      expect(await ids({ q: 'slow' })).toEqual({ ids: [], total: 0 });
      expect(await ids({ q: 'quick' })).toEqual({ ids: ['i3'], total: 1 });
      expect(await ids({ q: '"fix"' })).toEqual({ ids: ['i3'], total: 1 });
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
    it("lists the sandbox's practice incidents with the others, without them, or alone", async () => {
      const { store, ids } = await setup();
      const SANDBOX = 'component:sandbox/checkout';
      for (const [n, entityRefs] of [
        [SANDBOX],
        // Real and sandbox entities together: a real incident.
        [A, SANDBOX],
      ].entries()) {
        await store.createIncident(
          storedIncident(`s${n}`, {
            entityRefs,
            ownerRefs: ['group:default/x'],
            title: 'Practice',
            minutes: 10 + n,
          }),
          [],
        );
      }
      const all = ['s1', 's0', 'i3', 'i2', 'i1'];
      expect(await ids({})).toEqual({ ids: all, total: 5 });
      expect(await ids({ sandbox: 'include' })).toEqual({ ids: all, total: 5 });
      expect(await ids({ sandbox: 'exclude' })).toEqual({
        ids: ['s1', 'i3', 'i2', 'i1'],
        total: 4,
      });
      expect(await ids({ sandbox: 'only' })).toEqual({ ids: ['s0'], total: 1 });
      // With the other filters, and counted alongside an entity filter.
      expect(await ids({ sandbox: 'exclude', entityRef: A })).toEqual({
        ids: ['s1', 'i3', 'i1'],
        total: 3,
      });
      expect(await ids({ sandbox: 'only', q: 'PRACT' })).toEqual({
        ids: ['s0'],
        total: 1,
      });
    });
  },
);
