import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  SCORING,
  scoringApi,
  scoringComponent,
  setupServices,
} from '../__testUtils__/services';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupServices(
    databases,
    databaseId,
    [scoringComponent, scoringApi],
    configData,
  );

describe.each(databases.eachSupportedId())(
  'notifications on %s',
  databaseId => {
    it('sends an alert storm’s notifications a few at a time and retries failures', async () => {
      const { incidents, notifications } = await setup(databaseId);
      let inFlight = 0;
      let maxInFlight = 0;
      let calls = 0;
      const delivered = new Set<string>();
      notifications.send.mockImplementation(async ({ payload }) => {
        calls += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(resolve => setTimeout(resolve, 5));
        inFlight -= 1;
        // Every third call fails, as a busy notifications backend might.
        if (calls % 3 === 0) throw new Error('Request failed with status 401');
        delivered.add(payload.link);
      });
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          incidents.declare(
            { title: `Storm ${i}`, severity: 'SEV2', entityRefs: [SCORING] },
            ALICE,
            mockCredentials.user(ALICE),
          ),
        ),
      );
      for (let waited = 0; delivered.size < 8 && waited < 5000; waited += 20) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(delivered.size).toBe(8);
      expect(calls).toBeGreaterThan(8);
      expect(maxInFlight).toBeLessThanOrEqual(2);
    });
  },
);
