import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  levelRank,
  logServiceOf,
  resolveWindow,
  type LogPage,
  type LogTail,
  type logSearchQuerySchema,
  type logTailQuerySchema,
} from '@vigil/backstage-plugin-logs-common';
import type { z } from 'zod';
import type { LogStore } from '../database/LogStore';

/** The entity of a request's path. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** Why there is no store: said in every 503. */
export const NO_POSTGRES_MESSAGE =
  'The logs store needs PostgreSQL (time-partitioned tables and a full-text index): set backend.database.plugin.logs to a PostgreSQL connection (see the logs backend README)';

/**
 * The store is missing (not PostgreSQL): a 503 whose message reaches the
 * caller (the error responder passes on 503s that name a dependency).
 */
export class LogStoreUnavailableError extends ServiceUnavailableError {
  readonly dependency = 'logs-store';
}

/**
 * What the API does with logs: the caller must be able to read the entity
 * in the catalog (a 404 otherwise, like an entity that does not exist);
 * its `service` value comes from the entity (vigil.dev/log-service); the
 * store answers the query.
 */
export class LogsService {
  constructor(
    private readonly options: {
      /** Undefined when the plugin database is not PostgreSQL (503s). */
      store: LogStore | undefined;
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      now: () => number;
    },
  ) {}

  private requireStore(): LogStore {
    if (!this.options.store) {
      throw new LogStoreUnavailableError(NO_POSTGRES_MESSAGE);
    }
    return this.options.store;
  }

  private async serviceOf(
    entity: EntityName,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const ref = stringifyEntityRef(entity);
    // The catalog applies the caller's read permission.
    const found = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!found) throw new NotFoundError(`No entity ${ref} in the catalog`);
    return logServiceOf(found);
  }

  async search(
    entity: EntityName,
    query: z.output<typeof logSearchQuerySchema>,
    credentials: BackstageCredentials,
  ): Promise<LogPage> {
    const store = this.requireStore();
    const window = resolveWindow(query, this.options.now());
    if ('error' in window) {
      throw new InputError(`Invalid query: ${window.error}`);
    }
    const service = await this.serviceOf(entity, credentials);
    const result = await store.search({
      service,
      from: window.from,
      to: window.to,
      minLevelRank: query.level ? levelRank(query.level) : undefined,
      text: query.q,
      requestId: query.requestId,
      traceId: query.traceId,
      cursor: query.cursor,
      limit: query.limit,
    });
    if (result === 'bad-cursor') {
      throw new InputError(
        'Invalid query: cursor: must be a cursor the API returned',
      );
    }
    return {
      service,
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      ...result,
    };
  }

  async tail(
    entity: EntityName,
    query: z.output<typeof logTailQuerySchema>,
    credentials: BackstageCredentials,
  ): Promise<LogTail> {
    const store = this.requireStore();
    const service = await this.serviceOf(entity, credentials);
    const result = await store.tail({
      service,
      minLevelRank: query.level ? levelRank(query.level) : undefined,
      text: query.q,
      requestId: query.requestId,
      traceId: query.traceId,
      after: query.after,
      limit: query.limit,
    });
    if (result === 'bad-cursor') {
      throw new InputError(
        'Invalid query: after: must be a cursor the API returned',
      );
    }
    return { service, ...result };
  }
}
