import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  at,
  migratedStore,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'createIncident on %s',
  databaseId => {
    it('stores the incident, its entity and owner rows and its events', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const stored = storedIncident('i1', {
        entityRefs: ['component:default/a', 'component:default/b'],
        ownerRefs: ['group:default/x', 'group:default/x', 'user:default/y'],
      });
      const entries = await store.createIncident(stored, [
        { type: 'note', at: at(1), actor: ALICE, text: 'first' },
      ]);
      expect(entries).toEqual([
        {
          type: 'note',
          at: at(1),
          actor: ALICE,
          text: 'first',
          id: expect.any(Number),
        },
      ]);
      expect(await store.getIncident('i1')).toEqual(stored);
      expect(
        (await knex('incident_entities').pluck('entity_ref')).sort(),
      ).toEqual(['component:default/a', 'component:default/b']);
      expect((await knex('incident_owners').pluck('owner_ref')).sort()).toEqual(
        ['group:default/x', 'user:default/y'],
      );
      expect(await store.getTimeline('i1')).toEqual(entries);
    });

    it('writes nothing when the incident exists already', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const outcome = await store
        .createIncident(
          storedIncident('i1', { entityRefs: ['component:default/z'] }),
          [{ type: 'note', at: at(1), actor: ALICE, text: 'lost' }],
        )
        .then(
          () => 'stored',
          () => 'refused',
        );
      expect(outcome).toBe('refused');
      expect(await knex('incident_entities').pluck('entity_ref')).toEqual([
        'component:default/scoring-api',
      ]);
      expect(await store.getTimeline('i1')).toEqual([]);
    });
  },
);
