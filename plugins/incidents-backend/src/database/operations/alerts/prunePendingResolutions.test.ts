import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../../DatabaseIncidentStore';

const databases = testDatabases();

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-02T10:00:00Z');

describe.each(databases.eachSupportedId())(
  'prunePendingResolutions on %s',
  databaseId => {
    it('forgets resolutions received before the cut-off and keeps the rest', async () => {
      const knex = await databases.init(databaseId);
      await incidentsMigrations.migrate(knex);
      const store = new DatabaseIncidentStore(knex);
      for (const [fingerprint, hoursAgo] of [
        ['old', 30],
        ['day', 24],
        ['new', 1],
      ] as const) {
        await store.processAlertGroup(
          {
            groupKey: fingerprint,
            firingAlerts: [],
            now: NOW - hoursAgo * HOUR,
          },
          () => ({
            events: [],
            alerts: [],
            rememberResolutions: [
              { fingerprint, startsAt: '2026-11-01T00:00:00Z' },
            ],
          }),
        );
      }
      expect(await store.prunePendingResolutions(NOW - 24 * HOUR)).toBe(1);
      expect(
        (
          await knex('incident_pending_resolutions').pluck('fingerprint')
        ).sort(),
      ).toEqual(['day', 'new']);
      expect(await store.prunePendingResolutions(NOW)).toBe(2);
      expect(await store.prunePendingResolutions(NOW)).toBe(0);
    });
  },
);
