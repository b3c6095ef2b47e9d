import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore, storedIncident } from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('getAlerts on %s', databaseId => {
  it('reads an incident’s alerts, earliest start first', async () => {
    const { knex, store } = await migratedStore(databases, databaseId);
    await store.createIncident(storedIncident('i1'), []);
    await knex('incident_alerts').insert([
      {
        incident_id: 'i1',
        fingerprint: 'late',
        alert_name: 'HighErrorRate',
        status: 'resolved',
        starts_at: '2026-11-01T10:05:00Z',
        ends_at: '2026-11-01T10:09:00Z',
        labels: JSON.stringify({ alertname: 'HighErrorRate' }),
        annotations: JSON.stringify({ summary: 'errors' }),
        generator_url: 'http://prometheus/graph',
      },
      {
        incident_id: 'i1',
        fingerprint: 'early',
        alert_name: null,
        status: 'firing',
        starts_at: '2026-11-01T10:00:00Z',
        ends_at: null,
        labels: '{}',
        annotations: null,
        generator_url: null,
      },
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
        labels: { alertname: 'HighErrorRate' },
        annotations: { summary: 'errors' },
        generatorURL: 'http://prometheus/graph',
      },
    ]);
    expect(await store.getAlerts('nope')).toEqual([]);
  });
});
