import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { Knex } from 'knex';
import type {
  LogRetention,
  LogSearch,
  LogStore,
  LogTailRequest,
} from './LogStore';
import { searchLines } from './operations/lines/searchLines';
import { tailLines } from './operations/lines/tailLines';
import { dropPartitionsBefore } from './operations/partitions/dropPartitionsBefore';
import { ensurePartitions } from './operations/partitions/ensurePartitions';
import { listPartitions } from './operations/partitions/listPartitions';
import type { StoreInternals } from './operations/StoreInternals';

/** The plugin's migrations (`migrations/`; PostgreSQL only). */
export const logsMigrations = pluginMigrations(
  '@vigil/backstage-plugin-logs-backend',
);

/** Whether the knex client talks to PostgreSQL. */
export const isPostgres = (db: Knex) =>
  String(db.client.config.client).includes('pg');

/**
 * {@link LogStore} and {@link LogRetention} on PostgreSQL's `log_lines`
 * (daily range partitions, GIN full-text index): a facade over the
 * operations in `./operations/<area>/<verb>.ts`.
 */
export class PostgresLogStore implements LogStore, LogRetention {
  /** The store, or undefined when the plugin's database is not PostgreSQL. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<PostgresLogStore | undefined> {
    const db = await logsMigrations.client(options.database, options);
    return isPostgres(db) ? new PostgresLogStore(db) : undefined;
  }

  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    this.internals = { db };
  }

  search(query: LogSearch) {
    return searchLines(this.internals, query);
  }

  tail(query: LogTailRequest) {
    return tailLines(this.internals, query);
  }

  ensurePartitions(from: number, days: number) {
    return ensurePartitions(this.internals, from, days);
  }

  dropPartitionsBefore(before: number) {
    return dropPartitionsBefore(this.internals, before);
  }

  listPartitions() {
    return listPartitions(this.internals);
  }
}
