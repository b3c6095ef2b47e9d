import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  alertRows,
  at,
  countQueries,
  migratedStore,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'getIncidentPage on %s',
  databaseId => {
    it('reads the incident, its timeline, alerts and postmortem as the separate reads do, in one statement', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const stored = storedIncident('i1');
      await store.createIncident(stored, [
        {
          type: 'status_changed',
          at: at(0),
          actor: ALICE,
          from: 'investigating',
          to: 'identified',
        },
        {
          type: 'note',
          at: at(5),
          actor: ALICE,
          text: 'Looking at "the cache" \\ 🔥',
        },
        { type: 'note', at: at(1), actor: ALICE, text: 'Earlier note' },
      ]);
      await store.createIncident(storedIncident('other'), [
        { type: 'note', at: at(2), actor: ALICE, text: 'elsewhere' },
      ]);
      await knex('incident_alerts').insert(alertRows('i1'));
      await store.createPostmortem(postmortem('pm1', 'i1'), ALICE);

      const { result: page, queries } = await countQueries(knex, () =>
        store.getIncidentPage('i1'),
      );
      expect(queries).toBe(1);
      const pm = await store.getPostmortemByIncident('i1');
      expect(page).toEqual({
        stored: await store.getIncident('i1'),
        timeline: await store.getTimeline('i1'),
        alerts: await store.getAlerts('i1'),
        postmortem: { id: 'pm1', state: pm!.state, version: pm!.version },
      });
      expect(page!.timeline.map(e => e.at)).toEqual([
        at(0),
        at(1),
        at(5),
        at(60), // the postmortem's creation
      ]);
      expect(page!.alerts.map(a => a.fingerprint)).toEqual(['early', 'late']);
    });

    it('reads an incident with nothing attached', async () => {
      const { store } = await migratedStore(databases, databaseId);
      await store.createIncident(storedIncident('i1'), []);
      expect(await store.getIncidentPage('i1')).toEqual({
        stored: await store.getIncident('i1'),
        timeline: [],
        alerts: [],
      });
    });

    it('reads nothing for an unknown id', async () => {
      const { store } = await migratedStore(databases, databaseId);
      expect(await store.getIncidentPage('nope')).toBeUndefined();
    });
  },
);
