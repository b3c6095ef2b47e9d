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
  'mutatePostmortem on %s',
  databaseId => {
    async function setup() {
      const { knex, store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const pm = postmortem('pm1', 'i1', {
        actionItems: [actionItem('a1'), actionItem('a2')],
      });
      await store.createPostmortem(pm, ALICE);
      return { knex, store, pm };
    }

    it('writes the new content and replaces the action items', async () => {
      const { knex, store, pm } = await setup();
      const next = {
        ...pm,
        summary: 'rewritten',
        actionItems: [
          actionItem('a3'),
          actionItem('a1', { status: 'done' as const }),
        ],
        updatedAt: at(70),
        version: 2,
      };
      expect(
        await store.mutatePostmortem('pm1', () => ({
          ok: true,
          postmortem: next,
          changed: true,
        })),
      ).toEqual({ ok: true, postmortem: next, changed: true });
      expect(await store.getPostmortem('pm1')).toEqual(next);
      expect(
        await knex('action_items').orderBy('position').pluck('id'),
      ).toEqual(['a3', 'a1']);
      // The state did not change: the incident and its timeline neither.
      expect((await store.getIncident('i1'))?.incident.updatedAt).toBe(at(0));
      expect(await store.getTimeline('i1')).toHaveLength(1);
    });

    it('publishes: marks the incident and notes it on the timeline', async () => {
      const { store, pm } = await setup();
      const published = {
        ...pm,
        state: 'published' as const,
        publishedAt: at(80),
        updatedAt: at(80),
        version: 2,
      };
      await store.mutatePostmortem(
        'pm1',
        () => ({ ok: true, postmortem: published, changed: true }),
        ALICE,
      );
      const { incident } = (await store.getIncident('i1'))!;
      expect(incident.postmortemState).toBe('published');
      expect(incident.updatedAt).toBe(at(80));
      expect((await store.getTimeline('i1')).map(e => e.type)).toEqual([
        'postmortem_created',
        'postmortem_published',
      ]);
    });

    it('writes nothing on a refusal or no change, and reports a missing postmortem', async () => {
      const { store, pm } = await setup();
      expect(
        await store.mutatePostmortem('pm1', () => ({
          ok: false,
          error: 'stale',
        })),
      ).toEqual({ ok: false, error: 'stale', current: pm });
      expect(
        await store.mutatePostmortem('pm1', current => ({
          ok: true,
          postmortem: { ...current, summary: 'ignored' },
          changed: false,
        })),
      ).toEqual({ ok: true, postmortem: pm, changed: false });
      expect(await store.getPostmortem('pm1')).toEqual(pm);
      expect(
        await store.mutatePostmortem('nope', () => {
          throw new Error('not called');
        }),
      ).toEqual({ ok: false, notFound: true });
    });
  },
);
