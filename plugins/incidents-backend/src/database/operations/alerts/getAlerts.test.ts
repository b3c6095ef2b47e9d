import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  alertRows,
  migratedStore,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('getAlerts on %s', databaseId => {
  it('reads an incident’s alerts, earliest start first', async () => {
    const { knex, store } = await migratedStore(databases, databaseId);
    await store.createIncident(storedIncident('i1'), []);
    await knex('incident_alerts').insert([
      ...alertRows('i1'),
      {
        incident_id: 'other',
        fingerprint: 'elsewhere',
        status: 'firing',
        starts_at: '2026-11-01T09:00:00Z',
        labels: '{}',
      },
    ]);
    expect(await store.getAlerts('i1')).toEqual([
      {
        fingerprint: 'early',
        status: 'firing',
        startsAt: '2026-11-01T10:00:00Z',
        labels: {},
      },
      {
        fingerprint: 'late',
        alertName: 'HighErrorRate',
        status: 'resolved',
        startsAt: '2026-11-01T10:05:00Z',
        endsAt: '2026-11-01T10:09:00Z',
        labels: { alertname: 'HighErrorRate', le: '0.5' },
        annotations: { summary: 'errors "quoted"' },
        generatorURL: 'http://prometheus/graph?g0.expr=up',
      },
    ]);
    expect(await store.getAlerts('nope')).toEqual([]);
  });
});
