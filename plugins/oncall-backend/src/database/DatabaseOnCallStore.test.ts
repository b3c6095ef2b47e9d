import {
  itRunsOnTheRequiredDatabase,
  testDatabases,
} from '@vigil/backend-kit/testUtils';
import { oncallMigrations } from './DatabaseOnCallStore';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL
// silently; plain `yarn test` without a database runs SQLite only.
const databases = testDatabases();

const TABLES = [
  'oncall_schedules',
  'oncall_schedule_versions',
  'oncall_schedule_participants',
  'oncall_overrides',
  'oncall_temporary_schedules',
  'oncall_escalation_policies',
  'oncall_pages',
  'oncall_page_deliveries',
  'oncall_calendar_tokens',
];

describe('DatabaseOnCallStore', () => {
  itRunsOnTheRequiredDatabase(databases);

  it.each(databases.eachSupportedId())(
    'migrates up and down on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await oncallMigrations.migrate(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await oncallMigrations.rollback(knex);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      // And up again, as after a downgrade and upgrade.
      await oncallMigrations.migrate(knex);
      expect(await knex.schema.hasTable('oncall_pages')).toBe(true);
    },
    60_000,
  );
});
