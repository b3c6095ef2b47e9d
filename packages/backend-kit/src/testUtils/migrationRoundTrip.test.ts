import { pluginMigrations } from '../migrations';
import { migrationRoundTrip, schemaSnapshot } from './migrationRoundTrip';
import { itRunsOnTheRequiredDatabase } from './requiredDatabase';
import { testDatabases } from './testDatabases';

const databases = testDatabases();
itRunsOnTheRequiredDatabase(databases);

const good = pluginMigrations(
  '@vigil/backend-kit',
  'src/__fixtures__/migrations',
);
const leaky = pluginMigrations(
  '@vigil/backend-kit',
  'src/__fixtures__/leakyMigrations',
);

describe.each(databases.eachSupportedId())(
  'migrationRoundTrip on %s',
  databaseId => {
    it('runs every migration up, down one at a time and up again', async () => {
      const knex = await databases.init(databaseId);
      expect(await migrationRoundTrip(knex, good.directory)).toEqual({
        migrations: ['20260101000000_first.js', '20260201000000_second.js'],
        steps: [
          'up 20260101000000_first.js',
          'up 20260201000000_second.js',
          'down 20260201000000_second.js',
          'down 20260101000000_first.js',
          'latest',
        ],
      });
      expect(await schemaSnapshot(knex)).toEqual({
        tables: ['kit_first: id', 'kit_second: id'],
        indexes: [],
      });
    });

    it('names the migration whose down leaves something behind', async () => {
      const knex = await databases.init(databaseId);
      await expect(migrationRoundTrip(knex, leaky.directory)).rejects.toThrow(
        'After down 20260201000000_leaky.js: missing table kit_leaky_first: id; unexpected table kit_leaky_first: id, name; unexpected index kit_leaky_first_name_idx',
      );
    });

    it('refuses a database already migrated (nothing pending to test)', async () => {
      const knex = await databases.init(databaseId);
      await good.migrate(knex);
      await expect(migrationRoundTrip(knex, good.directory)).rejects.toThrow(
        /No pending migrations/,
      );
    });
  },
);
