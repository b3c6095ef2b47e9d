import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  at,
  countQueries,
  migratedStore,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'searchIncidents on %s',
  databaseId => {
    it('pages incidents in id order with their notes, in two queries a page', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      for (const id of ['i3', 'i1', 'i2']) {
        await store.createIncident(storedIncident(id), [
          { type: 'note', at: at(1), actor: ALICE, text: `about ${id}` },
          {
            type: 'status_changed',
            at: at(2),
            actor: ALICE,
            from: 'investigating',
            to: 'identified',
          },
        ]);
      }
      const first = await countQueries(knex, () =>
        store.searchIncidents(undefined, 2),
      );
      expect(first.queries).toBe(2);
      expect(
        first.result.items.map(({ incident, notes }) => [incident.id, notes]),
      ).toEqual([
        ['i1', ['about i1']],
        ['i2', ['about i2']],
      ]);
      expect(first.result.items[0].incident).toEqual(
        (await store.getIncident('i1'))?.incident,
      );
      expect(first.result.nextCursor).toBe('i2');
      const second = await store.searchIncidents('i2', 2);
      expect(second.items.map(item => item.incident.id)).toEqual(['i3']);
      expect(second.nextCursor).toBeUndefined();
    });
  },
);
