import { testDatabases } from '@vigil/backend-kit/testUtils';
import type { StoredIncident } from '../../IncidentStore';
import {
  ALICE,
  at,
  migratedStore,
  storedIncident,
} from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('getIncident on %s', databaseId => {
  it('reads back every field of a stored incident', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const base = storedIncident('i1');
    const stored: StoredIncident = {
      ...base,
      incident: {
        ...base.incident,
        summary: 'Scores are stale',
        status: 'closed',
        roles: { commander: ALICE },
        roleHistory: [
          {
            role: 'commander',
            assignee: ALICE,
            assignedAt: at(1),
            assignedBy: ALICE,
          },
        ],
        timestamps: {
          ...base.incident.timestamps,
          mitigatedAt: at(2),
          resolvedAt: at(3),
          closedAt: at(4),
        },
        postmortemState: 'published',
        alertGroupKey: '{}:{alertname="X"}',
        updatedAt: at(4),
        version: 7,
      },
    };
    await store.createIncident(stored, []);
    expect(await store.getIncident('i1')).toEqual(stored);
  });

  it('reads nothing for an unknown id', async () => {
    const { store } = await migratedStore(databases, databaseId);
    expect(await store.getIncident('nope')).toBeUndefined();
  });
});
