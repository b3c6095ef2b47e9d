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
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'LogsApiError';
  }
}

function queryString(values: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  // URLSearchParams writes a space as `+`, a reserved character the
  // backend's OpenAPI validation refuses in a query value: `%20` instead
  // (a literal `+` is already `%2B`).
  const text = params.toString().replace(/\+/g, '%20');
  return text ? `?${text}` : '';
}

/**
 * The HTTP client of the logs backend.
 * @public
 */
export class LogsClient implements LogsApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    // Bound: a browser's fetch throws "Illegal invocation" as a method.
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  search(entity: LogsEntity, query: LogSearchParams = {}): Promise<LogPage> {
    return this.get(entity, 'lines', { ...query });
  }

  tail(entity: LogsEntity, query: LogTailParams = {}): Promise<LogTail> {
    return this.get(entity, 'tail', { ...query });
  }

  private async get<T>(
    entity: LogsEntity,
    what: string,
    query: Record<string, string | number | undefined>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('logs');
    const path = [entity.kind, entity.namespace ?? 'default', entity.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/entities/${path}/${what}${queryString(query)}`,
    );
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      const message =
        body?.error?.message ??
        `Request failed with ${response.status} ${response.statusText}`;
      throw new LogsApiError(message, response.status);
    }
    return (await response.json()) as T;
  }
}
