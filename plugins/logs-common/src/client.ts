import {
  JsonHttpClient,
  queryString,
  readFailedResponse,
} from '@vigil/common-kit';
import type { LogSearchParams, LogTailParams } from './query';
import type { LogPage, LogTail } from './types';

/**
 * The entity whose logs are read.
 * @public
 */
export interface LogsEntity {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * Reads logs from the logs backend (`/api/logs`). Implemented by
 * {@link LogsClient}.
 * @public
 */
export interface LogsApi {
  /** One page of matching lines, newest first. */
  search(entity: LogsEntity, query?: LogSearchParams): Promise<LogPage>;
  /** Lines written since `after` (none: the latest lines), oldest first. */
  tail(entity: LogsEntity, query?: LogTailParams): Promise<LogTail>;
}

/**
 * A failed call of the logs API, with the backend's message and status.
 * @public
 */
export class LogsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The backend's `x-request-id` (goes into "Report this problem"). */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'LogsApiError';
  }
}

/**
 * The HTTP client of the logs backend.
 * @public
 */
export class LogsClient implements LogsApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'logs',
      // The message is the backend's explanation alone (shown as is).
      toError: async response => {
        const failed = await readFailedResponse(response);
        return new LogsApiError(
          failed.backendMessage ??
            `Request failed with ${response.status} ${response.statusText}`,
          response.status,
          failed.requestId,
        );
      },
    });
  }

  search(entity: LogsEntity, query: LogSearchParams = {}): Promise<LogPage> {
    return this.get(entity, 'lines', query);
  }

  tail(entity: LogsEntity, query: LogTailParams = {}): Promise<LogTail> {
    return this.get(entity, 'tail', query);
  }

  private get<T>(
    entity: LogsEntity,
    what: string,
    query: LogSearchParams | LogTailParams,
  ): Promise<T> {
    const path = [entity.kind, entity.namespace ?? 'default', entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.http.get(`/entities/${path}/${what}${queryString(query)}`);
  }
}
