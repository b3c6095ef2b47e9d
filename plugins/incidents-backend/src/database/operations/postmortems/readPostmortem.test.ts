import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  actionItem,
  at,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'getPostmortem and getPostmortemByIncident on %s',
  databaseId => {
    it('read a postmortem with its action items in order', async () => {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const pm = postmortem('pm1', 'i1', {
        state: 'published',
        publishedAt: at(120),
        timeline: [{ at: at(0), text: 'declared' }],
        actionItems: [
          actionItem('z', {
            dueDate: '2026-11-20',
            link: 'https://tracker/1',
            priority: 'P0',
          }),
          actionItem('a', { status: 'done' }),
        ],
      });
      await store.createPostmortem(pm, ALICE);
      expect(await store.getPostmortem('pm1')).toEqual(pm);
      expect(await store.getPostmortemByIncident('i1')).toEqual(pm);
    });

    it('read nothing for unknown ids', async () => {
      const { store } = await migratedStore(databases, databaseId);
      expect(await store.getPostmortem('nope')).toBeUndefined();
      expect(await store.getPostmortemByIncident('nope')).toBeUndefined();
    });
  },
);
