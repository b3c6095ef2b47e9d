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
  'createPostmortem on %s',
  databaseId => {
    it('stores the postmortem, marks the incident and notes it on the timeline', async () => {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const pm = postmortem('pm1', 'i1', { actionItems: [actionItem('a1')] });
      expect(await store.createPostmortem(pm, ALICE)).toEqual({
        created: true,
        postmortem: pm,
      });
      expect(await store.getPostmortem('pm1')).toEqual(pm);
      expect((await store.getIncident('i1'))?.incident.postmortemState).toBe(
        'draft',
      );
      expect(await store.getTimeline('i1')).toEqual([
        {
          type: 'postmortem_created',
          at: pm.createdAt,
          actor: ALICE,
          postmortemId: 'pm1',
          id: expect.any(Number),
        },
      ]);
    });

    it('keeps the one postmortem an incident has', async () => {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const first = postmortem('pm1', 'i1');
      await store.createPostmortem(first, ALICE);
      expect(
        await store.createPostmortem(postmortem('pm2', 'i1'), ALICE),
      ).toEqual({ created: false, postmortem: first });
      expect(await store.getPostmortem('pm2')).toBeUndefined();
      expect(await store.getTimeline('i1')).toHaveLength(1);
    });

    it('stores nothing for an unknown incident', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const pm = postmortem('pm1', 'nope');
      expect(await store.createPostmortem(pm, ALICE)).toEqual({
        created: false,
        postmortem: pm,
      });
      expect(await store.getPostmortem('pm1')).toBeUndefined();
    });
  },
);
