import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { ListActionItemsQuery } from '@vigil/backstage-plugin-incidents-common';
import {
  ALICE,
  actionItem,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

const X = 'group:default/x';
const Y = 'group:default/y';
const TODAY = '2026-11-10';

describe.each(databases.eachSupportedId())(
  'listActionItems on %s',
  databaseId => {
    async function setup() {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(
        storedIncident('i1', { entityRefs: ['component:default/a'] }),
        [],
      );
      await store.createIncident(
        storedIncident('i2', { entityRefs: ['component:default/b'] }),
        [],
      );
      await store.createPostmortem(
        postmortem('pm1', 'i1', {
          actionItems: [
            actionItem('undated', { owner: X, priority: 'P0' }),
            actionItem('overdue', { owner: X, dueDate: '2026-11-01' }),
            actionItem('done', {
              owner: X,
              dueDate: '2026-11-01',
              status: 'done',
            }),
          ],
        }),
        ALICE,
      );
      await store.createPostmortem(
        postmortem('pm2', 'i2', {
          actionItems: [
            actionItem('due', {
              owner: Y,
              dueDate: '2026-11-20',
              status: 'in_progress',
            }),
            actionItem('due-p1', {
              owner: Y,
              dueDate: '2026-11-20',
              priority: 'P1',
            }),
          ],
        }),
        ALICE,
      );
      const ids = async (
        query: Partial<ListActionItemsQuery>,
        visible?: readonly string[],
      ) => {
        const page = await store.listActionItems(
          { owner: [X, Y], status: 'open', limit: 50, offset: 0, ...query },
          TODAY,
          visible,
        );
        return { ids: page.items.map(i => i.id), total: page.totalCount };
      };
      return { store, ids };
    }

    it('lists open items soonest due first, undated last, with their context', async () => {
      const { store, ids } = await setup();
      expect(await ids({})).toEqual({
        ids: ['overdue', 'due-p1', 'due', 'undated'],
        total: 4,
      });
      expect(await ids({ status: 'all' })).toEqual({
        ids: ['done', 'overdue', 'due-p1', 'due', 'undated'],
        total: 5,
      });
      expect(await ids({ limit: 1, offset: 1 })).toEqual({
        ids: ['due-p1'],
        total: 4,
      });
      const page = await store.listActionItems(
        { owner: [X], status: 'all', limit: 50, offset: 0 },
        TODAY,
      );
      expect(page.items.map(i => [i.id, i.overdue])).toEqual([
        ['done', false],
        ['overdue', true],
        ['undated', false],
      ]);
      expect(page.items[1]).toEqual({
        ...actionItem('overdue', { owner: X, dueDate: '2026-11-01' }),
        postmortemId: 'pm1',
        postmortemTitle: 'Postmortem pm1',
        incidentId: 'i1',
        overdue: true,
      });
    });

    it('filters by owner and visibility', async () => {
      const { ids } = await setup();
      expect(await ids({ owner: [Y] })).toEqual({
        ids: ['due-p1', 'due'],
        total: 2,
      });
      expect(await ids({}, ['component:default/a'])).toEqual({
        ids: ['overdue', 'undated'],
        total: 2,
      });
      expect(await ids({}, [])).toEqual({ ids: [], total: 0 });
    });
  },
);
