import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { pluginMigrations } from './migrations';
import { testDatabases } from './testUtils';

const databases = testDatabases();
const migrations = pluginMigrations(
  '@vigil/backend-kit',
  'src/__fixtures__/migrations',
);

describe('pluginMigrations', () => {
  it('finds the directory in the package', () => {
    expect(migrations.directory).toBe(
      path.resolve(__dirname, '__fixtures__/migrations'),
    );
  });

  it.each(databases.eachSupportedId())(
    'migrates up, rolls every migration back, and up again on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrations.migrate(knex);
      expect(await knex.schema.hasTable('kit_first')).toBe(true);
      expect(await knex.schema.hasTable('kit_second')).toBe(true);
      await migrations.rollback(knex);
      expect(await knex.schema.hasTable('kit_first')).toBe(false);
      expect(await knex.schema.hasTable('kit_second')).toBe(false);
      await migrations.migrate(knex);
      expect(await knex.schema.hasTable('kit_second')).toBe(true);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'gives the client migrated unless migrations are skipped, on %s',
    async databaseId => {
      const skipped = await databases.init(databaseId);
      const skippedByService = mockServices.database({
        knex: skipped,
        migrations: { skip: true },
      });
      expect(await migrations.client(skippedByService)).toBe(skipped);
      expect(
        await migrations.client(mockServices.database({ knex: skipped }), {
          skipMigrations: true,
        }),
      ).toBe(skipped);
      expect(await skipped.schema.hasTable('kit_first')).toBe(false);

      const knex = await databases.init(databaseId);
      expect(await migrations.client(mockServices.database({ knex }))).toBe(
        knex,
      );
      expect(await knex.schema.hasTable('kit_second')).toBe(true);
    },
    60_000,
  );
});

describe('testDatabases', () => {
  it('runs against PostgreSQL when the test command asks for it', () => {
    const required = process.env.VIGIL_REQUIRE_POSTGRES
      ? 'POSTGRES_15'
      : 'SQLITE_3';
    expect(databases.supports(required)).toBe(true);
  });
});
