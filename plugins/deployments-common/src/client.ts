import {
  JsonHttpClient,
  queryString,
  readFailedResponse,
} from '@vigil/common-kit';
import type {
  DeploymentKind,
  DeploymentList,
  DeploymentRecord,
  DoraFigures,
} from './records';

/**
 * The most records `GET /deployments` answers at once (its `limit` bound).
 * @public
 */
export const DEPLOYMENTS_MAX_PAGE_SIZE = 500;

/**
 * `GET /deployments` filters; times as ISO strings or Dates.
 * @public
 */
export interface ListDeploymentsQuery {
  entityRef?: string;
  kind?: DeploymentKind;
  /** Started at or after. */
  from?: string | Date;
  /** Started at or before. */
  to?: string | Date;
  /** 1..500, 50 by default. */
  limit?: number;
  offset?: number;
}

/**
 * `GET /dora` parameters.
 * @public
 */
export interface DoraQuery {
  entityRef: string;
  /** 1..365, 30 by default. */
  days?: number;
}

/**
 * How far around a moment {@link DeploymentsApi.deploymentsAround} looks.
 * @public
 */
export interface AroundWindow {
  /** Milliseconds before the moment. */
  before: number;
  /** Milliseconds after the moment. */
  after: number;
}

/**
 * Reads deployment records from the deployments backend
 * (`/api/deployments`). Implemented by {@link DeploymentsClient}.
 * @public
 */
export interface DeploymentsApi {
  /** One page of records, newest start first. */
  listDeployments(query?: ListDeploymentsQuery): Promise<DeploymentList>;
  /** One record by its id. */
  getDeployment(id: string): Promise<DeploymentRecord>;
  /** An entity's DORA figures over the last `days` days. */
  getDora(query: DoraQuery): Promise<DoraFigures>;
  /**
   * Every record of an entity that started in `[at - before, at + after]`,
   * newest first (all pages).
   */
  deploymentsAround(
    entityRef: string,
    at: string | number | Date,
    window: AroundWindow,
  ): Promise<DeploymentRecord[]>;
}

/**
 * A failed request to the deployments API. The message names the request's
 * status and the backend's explanation, e.g. "Request failed with 404 Not
 * Found: No deployment with id x". Its shape follows the `ResponseError` of
 * Backstage's errors package (`statusCode`, `body`), which a -common package
 * cannot import.
 * @public
 */
export class DeploymentsApiError extends Error {
  readonly name = 'ResponseError';
  readonly statusCode: number;
  readonly statusText: string;
  /** The backend's error body when it sent JSON. */
  readonly body: unknown;
  /** The backend's `x-request-id` (goes into "Report this problem"). */
  readonly requestId?: string;

  constructor(options: {
    statusCode: number;
    statusText: string;
    body: unknown;
    message: string;
    requestId?: string;
  }) {
    super(options.message);
    this.statusCode = options.statusCode;
    this.statusText = options.statusText;
    this.body = options.body;
    this.requestId = options.requestId;
  }

  static async fromResponse(response: Response): Promise<DeploymentsApiError> {
    const failed = await readFailedResponse(response);
    return new DeploymentsApiError({
      statusCode: failed.statusCode,
      statusText: failed.statusText,
      // Not JSON (a proxy's HTML page): the text, kept out of the message.
      body: failed.body ?? (failed.text || undefined),
      message: failed.message,
      requestId: failed.requestId,
    });
  }
}

function isoTime(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * HTTP client of the deployments backend, for the browser and for Node
 * (like `@backstage/catalog-client`): the frontend passes Backstage's
 * discovery and fetch APIs (which add the user's token); a script passes a
 * discovery of the backend's URL and a fetch that adds its own token.
 * @public
 */
export class DeploymentsClient implements DeploymentsApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'deployments',
      toError: response => DeploymentsApiError.fromResponse(response),
    });
  }

  async listDeployments(
    query: ListDeploymentsQuery = {},
  ): Promise<DeploymentList> {
    return this.http.get<DeploymentList>(
      `/deployments${queryString({
        entityRef: query.entityRef,
        kind: query.kind,
        from: isoTime(query.from),
        to: isoTime(query.to),
        limit: query.limit,
        offset: query.offset,
      })}`,
    );
  }

  async getDeployment(id: string): Promise<DeploymentRecord> {
    return this.http.get<DeploymentRecord>(
      `/deployments/${encodeURIComponent(id)}`,
    );
  }

  async getDora(query: DoraQuery): Promise<DoraFigures> {
    return this.http.get<DoraFigures>(
      `/dora${queryString({ entityRef: query.entityRef, days: query.days })}`,
    );
  }

  async deploymentsAround(
    entityRef: string,
    at: string | number | Date,
    window: AroundWindow,
  ): Promise<DeploymentRecord[]> {
    const atMs = new Date(at).getTime();
    if (!Number.isFinite(atMs)) {
      throw new TypeError(`Not a time: ${String(at)}`);
    }
    const from = new Date(atMs - window.before);
    const to = new Date(atMs + window.after);
    const items: DeploymentRecord[] = [];
    for (;;) {
      const page = await this.listDeployments({
        entityRef,
        from,
        to,
        limit: DEPLOYMENTS_MAX_PAGE_SIZE,
        offset: items.length,
      });
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.totalCount) {
        return items;
      }
    }
  }
}
