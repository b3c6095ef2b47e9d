import { testDatabases } from '@vigil/backend-kit/testUtils';
import { MINUTE, NOW } from '../__testUtils__/storeFixtures';
import { DatabaseSloStore, sloMigrations } from './DatabaseSloStore';
import { MAX_ERROR_LENGTH, shortError } from './evaluationStatus';

const databases = testDatabases();

describe('evaluation status in the store', () => {
  it.each(databases.eachSupportedId())(
    'keeps the start of an outage until a success ends it on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await sloMigrations.migrate(knex);
      const store = new DatabaseSloStore(knex);
      expect(await store.getEvaluationRecord()).toBeUndefined();

      // A first cycle that fails: an outage without an earlier success.
      await store.recordEvaluationOutcome({
        at: NOW,
        ok: false,
        error: 'connect ECONNREFUSED',
      });
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: NOW,
        lastSuccessAt: null,
        unreachableSince: NOW,
        lastError: 'connect ECONNREFUSED',
      });

      await store.recordEvaluationOutcome({ at: NOW + MINUTE, ok: true });
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: NOW + MINUTE,
        lastSuccessAt: NOW + MINUTE,
        unreachableSince: null,
        lastError: null,
      });

      // Later failures: the outage starts at the first, the last success
      // and the latest error are kept.
      for (const [minutes, error] of [
        [2, 'timeout'],
        [3, 'Prometheus is unreachable (circuit open)'],
      ] as const) {
        await store.recordEvaluationOutcome({
          at: NOW + minutes * MINUTE,
          ok: false,
          error,
        });
      }
      expect(await store.getEvaluationRecord()).toEqual({
        lastAttemptAt: NOW + 3 * MINUTE,
        lastSuccessAt: NOW + MINUTE,
        unreachableSince: NOW + 2 * MINUTE,
        lastError: 'Prometheus is unreachable (circuit open)',
      });

      await store.recordEvaluationOutcome({ at: NOW + 4 * MINUTE, ok: true });
      expect(await store.getEvaluationRecord()).toMatchObject({
        lastSuccessAt: NOW + 4 * MINUTE,
        unreachableSince: null,
        lastError: null,
      });
      await sloMigrations.rollback(knex);
    },
    60_000,
  );

  it.each([
    {
      name: 'masks credentials in URLs',
      message:
        'Prometheus at http://vigil:s3cret@prometheus:9090/ is unreachable',
      expected: 'Prometheus at http://***@prometheus:9090/ is unreachable',
    },
    { name: 'keeps plain text', message: 'timeout', expected: 'timeout' },
  ])('$name', ({ message, expected }) => {
    expect(shortError(message)).toBe(expected);
  });

  it('cuts long errors short', () => {
    const short = shortError('x'.repeat(5000));
    expect(short).toHaveLength(MAX_ERROR_LENGTH);
    expect(short.endsWith('…')).toBe(true);
  });
});
