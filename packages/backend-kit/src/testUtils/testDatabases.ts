import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases Vigil's backends run their database tests on: SQLite, and
 * the PostgreSQL 15 named by
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` (never one started
 * in Docker). Without that variable only SQLite is supported; the test
 * command sets it and `VIGIL_REQUIRE_POSTGRES` so CI never skips PostgreSQL.
 * Call once per test file, at its top level (it registers afterAll hooks).
 * @public
 */
export function testDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
}
