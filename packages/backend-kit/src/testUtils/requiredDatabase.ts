import type { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Declares the test that `databases` support PostgreSQL when the test
 * command sets `VIGIL_REQUIRE_POSTGRES` (so CI never skips it silently), and
 * SQLite otherwise.
 * @public
 */
// eslint-disable-next-line jest/no-export -- a test every database test file declares
export function itRunsOnTheRequiredDatabase(databases: TestDatabases): void {
  it('runs against PostgreSQL when the test command asks for it', () => {
    const required = process.env.VIGIL_REQUIRE_POSTGRES
      ? 'POSTGRES_15'
      : 'SQLITE_3';
    expect(databases.supports(required)).toBe(true);
  });
}
