import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type {
  RumErrorGroup,
  RumErrorGroupDetail,
} from '@vigil/backstage-plugin-rum-common';
import type { Knex } from 'knex';
import { getErrorGroup } from './operations/errors/getErrorGroup';
import { listErrorGroups } from './operations/errors/listErrorGroups';
import { recordBatch } from './operations/recordBatch';
import type { StoreInternals } from './operations/StoreInternals';
import { prune } from './operations/usage/prune';
import { readUsage } from './operations/usage/readUsage';
import type {
  RumBatch,
  RumBatchOutcome,
  RumStore,
  RumUsageRows,
} from './RumStore';

/** The plugin's migrations (`migrations/`). */
export const rumMigrations = pluginMigrations(
  '@vigil/backstage-plugin-rum-backend',
);

/**
 * {@link RumStore} on the plugin's database (SQLite or PostgreSQL): a
 * facade over the operations in `./operations/<area>/<verb>.ts`.
 */
export class DatabaseRumStore implements RumStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseRumStore> {
    return new DatabaseRumStore(
      await rumMigrations.client(options.database, options),
    );
  }

  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    this.internals = {
      db,
      isPostgres: String(db.client.config.client).includes('pg'),
    };
  }

  recordBatch(batch: RumBatch): Promise<RumBatchOutcome> {
    return recordBatch(this.internals, batch);
  }

  listErrorGroups(query: {
    limit: number;
    offset: number;
  }): Promise<{ items: RumErrorGroup[]; totalCount: number }> {
    return listErrorGroups(this.internals, query);
  }

  getErrorGroup(fingerprint: string): Promise<RumErrorGroupDetail | undefined> {
    return getErrorGroup(this.internals, fingerprint);
  }

  readUsage(from: number, to: number): Promise<RumUsageRows> {
    return readUsage(this.internals, from, to);
  }

  prune(before: number): Promise<void> {
    return prune(this.internals, before);
  }
}
