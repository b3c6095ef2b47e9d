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
  'mutateIncident on %s',
  databaseId => {
    it('writes the new state, its entity rows and its events', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const stored = storedIncident('i1');
      await store.createIncident(stored, []);
      const note = {
        type: 'note' as const,
        at: at(5),
        actor: ALICE,
        text: 'moved',
      };
      const outcome = await store.mutateIncident('i1', current => ({
        ok: true,
        incident: {
          ...current.incident,
          entityRefs: ['component:default/b'],
          version: current.incident.version + 1,
        },
        ownerRefs: ['group:default/b'],
        events: [note],
        changed: true,
      }));
      expect(outcome).toEqual({
        ok: true,
        stored: {
          incident: {
            ...stored.incident,
            entityRefs: ['component:default/b'],
            version: 2,
          },
          ownerRefs: ['group:default/b'],
        },
        events: [{ ...note, id: expect.any(Number) }],
        changed: true,
      });
      expect(await store.getIncident('i1')).toEqual(
        outcome.ok && outcome.stored,
      );
      expect(await knex('incident_entities').pluck('entity_ref')).toEqual([
        'component:default/b',
      ]);
      expect(await knex('incident_owners').pluck('owner_ref')).toEqual([
        'group:default/b',
      ]);
      expect(await store.getTimeline('i1')).toEqual(
        outcome.ok && outcome.events,
      );
    });

    it('appends events alone without rewriting the incident', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      const { result, sql } = await countQueries(knex, () =>
        store.mutateIncident('i1', current => ({
          ok: true,
          incident: current.incident,
          events: [{ type: 'note', at: at(5), actor: ALICE, text: 'hi' }],
          changed: false,
        })),
      );
      expect(result.ok && result.changed).toBe(false);
      expect(sql.filter(text => /^update/i.test(text))).toEqual([]);
      expect(await store.getTimeline('i1')).toHaveLength(1);
    });

    it('writes nothing on a refusal or no change, and reports a missing incident', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const stored = storedIncident('i1');
      await store.createIncident(stored, []);
      expect(
        await store.mutateIncident('i1', () => ({ ok: false, error: 'stale' })),
      ).toEqual({ ok: false, error: 'stale', current: stored });
      const unchanged = await countQueries(knex, () =>
        store.mutateIncident('i1', current => ({
          ok: true,
          incident: current.incident,
          events: [],
          changed: false,
        })),
      );
      expect(unchanged.result).toEqual({
        ok: true,
        stored,
        events: [],
        changed: false,
      });
      expect(
        unchanged.sql.filter(text => /^(insert|update|delete)/i.test(text)),
      ).toEqual([]);
      expect(
        await store.mutateIncident('nope', () => {
          throw new Error('not called');
        }),
      ).toEqual({ ok: false, notFound: true });
    });
  },
);
