import { migrationRoundTrip } from './migrationRoundTrip';
import { itRunsOnTheRequiredDatabase } from './requiredDatabase';
import { testDatabases } from './testDatabases';

/**
 * A plugin's migration test in one call, at a test file's top level: its
 * migrations in `directory` go up one at a time, down one at a time (each
 * down undoes exactly its up: same tables, columns and indexes) and up
 * again, on SQLite and PostgreSQL. Production only ever migrates forward
 * (techdocs/docs/production.md, "Database migrations"); the downs are what
 * a failed upgrade is rolled back with.
 * @public
 */
// eslint-disable-next-line jest/no-export -- the migration test every backend plugin declares
export function describeMigrationRoundTrip(directory: string): void {
  const databases = testDatabases();
  itRunsOnTheRequiredDatabase(databases);

  describe('migrations', () => {
    it.each(databases.eachSupportedId())(
      'go up, down one at a time and up again on %s',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const report = await migrationRoundTrip(knex, directory);
        expect(report.steps.at(-1)).toBe('latest');
      },
      120_000,
    );
  });
}
