import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * A backend plugin's knex migrations, kept in its package.
 * @public
 */
export interface PluginMigrations {
  /** Where the migrations are (absolute). */
  directory: string;
  /** Runs the plugin's migrations up to the latest. */
  migrate(knex: Knex): Promise<void>;
  /** Rolls every migration of the plugin back (used by tests). */
  rollback(knex: Knex): Promise<void>;
  /**
   * The plugin's database client, migrated to the latest unless the
   * database service (`backend.database.skipMigrations`) or the caller says
   * to skip migrations.
   */
  client(
    database: DatabaseService,
    options?: { skipMigrations?: boolean },
  ): Promise<Knex>;
}

/**
 * The migrations in `directory` (default `migrations`) of the package
 * `packageName`, found wherever the package is installed.
 * @public
 */
export function pluginMigrations(
  packageName: string,
  directory = 'migrations',
): PluginMigrations {
  const migrationsDir = resolvePackagePath(packageName, directory);
  const migrate = async (knex: Knex) => {
    await knex.migrate.latest({ directory: migrationsDir });
  };
  return {
    directory: migrationsDir,
    migrate,
    rollback: async knex => {
      await knex.migrate.rollback({ directory: migrationsDir }, true);
    },
    client: async (database, options = {}) => {
      const knex = await database.getClient();
      if (!options.skipMigrations && !database.migrations?.skip) {
        await migrate(knex);
      }
      return knex;
    },
  };
}
