import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore, storedIncident } from '../../../__testUtils__/store';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'countOpenBySeverity on %s',
  databaseId => {
    it('counts open incidents per severity that has one', async () => {
      const { store } = await migratedStore(databases, databaseId);
      expect(await store.countOpenBySeverity()).toEqual({});
      const specs = [
        ['i1', 'SEV1', 'investigating'],
        ['i2', 'SEV1', 'monitoring'],
        ['i3', 'SEV3', 'identified'],
        ['i4', 'SEV2', 'resolved'],
        ['i5', 'SEV2', 'closed'],
      ] as const;
      for (const [id, severity, status] of specs) {
        const stored = storedIncident(id);
        stored.incident.severity = severity;
        stored.incident.status = status;
        await store.createIncident(stored, []);
      }
      expect(await store.countOpenBySeverity()).toEqual({ SEV1: 2, SEV3: 1 });
    });
  },
);
