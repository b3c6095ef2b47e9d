import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  actionItem,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'getActionItem on %s',
  databaseId => {
    it('reads an action item with its postmortem and incident', async () => {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const item = actionItem('a1', {
        dueDate: '2026-11-20',
        link: 'https://tracker/1',
      });
      await store.createPostmortem(
        postmortem('pm1', 'i1', { actionItems: [item] }),
        ALICE,
      );
      expect(await store.getActionItem('a1')).toEqual({
        ...item,
        postmortemId: 'pm1',
        incidentId: 'i1',
      });
      expect(await store.getActionItem('nope')).toBeUndefined();
    });
  },
);
