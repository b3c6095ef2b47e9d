import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  actionItem,
  at,
  countQueries,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../../DatabaseIncidentStore';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'searchPublishedPostmortems on %s',
  databaseId => {
    async function setup(published: number) {
      const knex = await databases.init(databaseId);
      await incidentsMigrations.migrate(knex);
      const store = new DatabaseIncidentStore(knex);
      for (let n = 1; n <= published + 1; n++) {
        await store.createIncident(storedIncident(`i${n}`, { minutes: n }), []);
        await store.createPostmortem(
          postmortem(`pm${n}`, `i${n}`, {
            // The last one stays a draft, out of search.
            ...(n <= published
              ? { state: 'published', publishedAt: at(90) }
              : {}),
            actionItems: [actionItem(`a${n}-2`), actionItem(`a${n}-1`)],
          }),
          ALICE,
        );
      }
      return { knex, store };
    }

    it('reads published postmortems with their action items and incidents', async () => {
      const { store } = await setup(2);
      const page = await store.searchPublishedPostmortems(undefined, 10);
      expect(page.nextCursor).toBeUndefined();
      expect(
        page.items.map(({ postmortem: pm, incident }) => ({
          id: pm.id,
          state: pm.state,
          publishedAt: pm.publishedAt,
          items: pm.actionItems.map(item => item.id),
          incident: incident.id,
          title: incident.title,
        })),
      ).toEqual([
        {
          id: 'pm1',
          state: 'published',
          publishedAt: at(90),
          items: ['a1-2', 'a1-1'],
          incident: 'i1',
          title: 'Incident i1',
        },
        {
          id: 'pm2',
          state: 'published',
          publishedAt: at(90),
          items: ['a2-2', 'a2-1'],
          incident: 'i2',
          title: 'Incident i2',
        },
      ]);
      expect(page.items[0].postmortem).toEqual(
        await store.getPostmortem('pm1'),
      );
      expect(page.items[0].incident).toEqual(
        (await store.getIncident('i1'))?.incident,
      );
    });

    it('pages by id', async () => {
      const { store } = await setup(3);
      const first = await store.searchPublishedPostmortems(undefined, 2);
      expect(first.items.map(item => item.postmortem.id)).toEqual([
        'pm1',
        'pm2',
      ]);
      expect(first.nextCursor).toBe('pm2');
      const second = await store.searchPublishedPostmortems('pm2', 2);
      expect(second.items.map(item => item.postmortem.id)).toEqual(['pm3']);
      expect(second.nextCursor).toBeUndefined();
    });

    it('reads a page in three queries, however many postmortems it holds', async () => {
      const { knex, store } = await setup(5);
      const one = await countQueries(knex, () =>
        store.searchPublishedPostmortems(undefined, 1),
      );
      const five = await countQueries(knex, () =>
        store.searchPublishedPostmortems(undefined, 10),
      );
      expect(one.result.items).toHaveLength(1);
      expect(five.result.items).toHaveLength(5);
      expect(one.queries).toBe(3);
      expect(five.queries).toBe(3);
      const empty = await countQueries(knex, () =>
        store.searchPublishedPostmortems('pm9', 10),
      );
      expect(empty.result.items).toEqual([]);
      expect(empty.queries).toBe(1);
    });
  },
);
