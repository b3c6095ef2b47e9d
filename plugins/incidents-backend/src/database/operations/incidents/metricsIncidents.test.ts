import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  T0,
  actionItem,
  at,
  countQueries,
  postmortem,
  storedIncident,
} from '../../../__testUtils__/store';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../../DatabaseIncidentStore';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'metricsIncidents on %s',
  databaseId => {
    it('returns just what metrics read of the period’s incidents', async () => {
      const knex = await databases.init(databaseId);
      await incidentsMigrations.migrate(knex);
      const store = new DatabaseIncidentStore(knex);
      const resolved = storedIncident('i1', {
        entityRefs: ['component:default/a', 'component:default/b'],
      });
      resolved.incident.status = 'resolved';
      resolved.incident.timestamps.mitigatedAt = at(20);
      resolved.incident.timestamps.resolvedAt = at(30);
      await store.createIncident(resolved, []);
      await store.createIncident(
        storedIncident('i2', {
          minutes: 10,
          entityRefs: ['component:default/b'],
        }),
        [],
      );
      // Declared after the period.
      await store.createIncident(storedIncident('i3', { minutes: 120 }), []);
      await store.createPostmortem(
        postmortem('pm1', 'i1', {
          actionItems: [
            actionItem('due', { dueDate: '2026-11-05' }),
            actionItem('undated'),
            actionItem('done', { dueDate: '2026-11-02', status: 'done' }),
          ],
        }),
        ALICE,
      );

      const { result, queries } = await countQueries(knex, () =>
        store.metricsIncidents(T0, T0 + 60 * 60_000),
      );
      expect(queries).toBe(2);
      const byDeclared = [...result].sort((a, b) =>
        a.timestamps.declaredAt.localeCompare(b.timestamps.declaredAt),
      );
      expect(byDeclared).toEqual([
        {
          severity: 'SEV2',
          timestamps: {
            declaredAt: at(0),
            detectedAt: at(0),
            acknowledgedAt: at(0),
            mitigatedAt: at(20),
            resolvedAt: at(30),
          },
          entityRefs: ['component:default/a', 'component:default/b'],
          postmortemState: 'draft',
          actionItems: [{ status: 'open', dueDate: '2026-11-05' }],
        },
        {
          severity: 'SEV2',
          timestamps: {
            declaredAt: at(10),
            detectedAt: at(10),
            acknowledgedAt: at(10),
          },
          entityRefs: ['component:default/b'],
          actionItems: [],
        },
      ]);
      expect(
        (
          await store.metricsIncidents(
            T0,
            T0 + 60 * 60_000,
            'component:default/a',
          )
        ).map(incident => incident.timestamps.declaredAt),
      ).toEqual([at(0)]);
    });
  },
);
