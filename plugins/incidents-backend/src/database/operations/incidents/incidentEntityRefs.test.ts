import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore, storedIncident } from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'incidentEntityRefs on %s',
  databaseId => {
    it('lists every affected entity once, sorted', async () => {
      const { store } = await migratedStore(databases, databaseId);
      expect(await store.incidentEntityRefs()).toEqual([]);
      await store.createIncident(
        storedIncident('i1', {
          entityRefs: ['component:default/b', 'component:default/a'],
        }),
        [],
      );
      await store.createIncident(
        storedIncident('i2', { entityRefs: ['component:default/b'] }),
        [],
      );
      expect(await store.incidentEntityRefs()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
    });
  },
);
