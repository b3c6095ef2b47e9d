import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  actionItem,
  at,
  alertRows,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

const SANDBOX = ['component:sandbox/checkout'];
const REAL = ['component:default/scoring-api'];
const MIXED = ['component:sandbox/checkout', 'component:default/scoring-api'];

describe.each(databases.eachSupportedId())(
  'purgeNamespace on %s',
  databaseId => {
    it('deletes the incidents of only that namespace with everything of them, and nothing else', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const seed: Array<[string, string[]]> = [
        ['sandbox-1', SANDBOX],
        ['sandbox-2', ['component:sandbox/search', 'system:sandbox/sandbox']],
        ['real-1', REAL],
        ['mixed-1', MIXED],
        // A namespace whose name merely contains the purged one.
        ['near-1', ['component:sandboxes/checkout']],
      ];
      for (const [id, entityRefs] of seed) {
        await store.createIncident(storedIncident(id, { entityRefs }), [
          { type: 'note', at: at(1), actor: ALICE, text: `note of ${id}` },
        ]);
        await store.createPostmortem(
          postmortem(`pm-${id}`, id, { actionItems: [actionItem(`ai-${id}`)] }),
          ALICE,
        );
        await knex('incident_alerts').insert(alertRows(id));
        await knex('incident_alert_groups').insert({
          group_key_hash: `hash-${id}`,
          group_key: `{}:{alertname="${id}"}`,
          incident_id: id,
          updated_at: 0,
        });
      }

      expect(await store.purgeNamespace('sandbox')).toEqual({
        incidents: 2,
        postmortems: 2,
        actionItems: 2,
      });

      const left = ['mixed-1', 'near-1', 'real-1'];
      const ids = async (table: string, column = 'incident_id') =>
        (await knex(table).distinct(column).orderBy(column)).map(
          row => row[column],
        );
      expect(await ids('incidents', 'id')).toEqual(left);
      for (const table of [
        'incident_entities',
        'incident_owners',
        'incident_timeline',
        'incident_alerts',
        'incident_alert_groups',
        'postmortems',
        'action_items',
      ]) {
        expect([table, await ids(table)]).toEqual([table, left]);
      }
      expect(await store.getIncident('real-1')).toBeDefined();
      expect(await store.getPostmortemByIncident('mixed-1')).toBeDefined();

      // Nothing left to purge: a second purge deletes nothing.
      expect(await store.purgeNamespace('sandbox')).toEqual({
        incidents: 0,
        postmortems: 0,
        actionItems: 0,
      });
    });

    it('leaves incidents of only that namespace out of the open count when asked', async () => {
      const { store } = await migratedStore(databases, databaseId);
      for (const [id, entityRefs] of [
        ['sandbox-1', SANDBOX],
        ['real-1', REAL],
        ['mixed-1', MIXED],
      ] as const) {
        await store.createIncident(
          storedIncident(id, { entityRefs: [...entityRefs] }),
          [],
        );
      }
      expect(await store.countOpenBySeverity()).toEqual({ SEV2: 3 });
      expect(
        await store.countOpenBySeverity({ excludeNamespace: 'sandbox' }),
      ).toEqual({ SEV2: 2 });
    });
  },
);
