import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { TimelineEvent } from '@vigil/backstage-plugin-incidents-common';
import {
  ALICE,
  at,
  countQueries,
  storedIncident,
} from '../../../__testUtils__/store';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../../DatabaseIncidentStore';

const databases = testDatabases();

function notes(count: number, minutes = 1): TimelineEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    type: 'note' as const,
    at: at(minutes),
    actor: ALICE,
    text: `note ${n}`,
  }));
}

const timelineInserts = (sql: string[]) =>
  sql.filter(text => /^insert into .incident_timeline./i.test(text)).length;

describe.each(databases.eachSupportedId())(
  'appending timeline events on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await incidentsMigrations.migrate(knex);
      return { knex, store: new DatabaseIncidentStore(knex) };
    }

    it('gives each event its id in order and reads them back', async () => {
      const { store } = await setup();
      const entries = await store.createIncident(
        storedIncident('i1'),
        notes(3),
      );
      expect(entries.map(entry => 'text' in entry && entry.text)).toEqual([
        'note 0',
        'note 1',
        'note 2',
      ]);
      const ids = entries.map(entry => entry.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(ids).size).toBe(3);
      expect(await store.getTimeline('i1')).toEqual(entries);
    });

    it('inserts the events in one statement per 50, not one each', async () => {
      const { knex, store } = await setup();
      const few = await countQueries(knex, () =>
        store.createIncident(storedIncident('i1'), notes(5)),
      );
      expect(timelineInserts(few.sql)).toBe(1);
      const many = await countQueries(knex, () =>
        store.createIncident(storedIncident('i2'), notes(120)),
      );
      expect(timelineInserts(many.sql)).toBe(3);
      expect(many.result.map(entry => entry.id)).toEqual(
        (await store.getTimeline('i2')).map(entry => entry.id),
      );
      const none = await countQueries(knex, () =>
        store.createIncident(storedIncident('i3'), []),
      );
      expect(timelineInserts(none.sql)).toBe(0);
    });
  },
);
