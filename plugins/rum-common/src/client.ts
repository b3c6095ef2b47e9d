import type {
  RumErrorGroupDetail,
  RumErrorGroupList,
  RumUsage,
  RumUsageRange,
} from './api';

/**
 * Reads the RUM backend (`/api/rum`). Implemented by {@link RumClient}.
 * @public
 */
export interface RumApi {
  /** Error groups, most recently seen first (portal admins). */
  listErrorGroups(query?: {
    limit?: number;
    offset?: number;
  }): Promise<RumErrorGroupList>;
  /** One group with its (source-mapped) stack. */
  getErrorGroup(fingerprint: string): Promise<RumErrorGroupDetail>;
  /** The portal's users, sessions, page loads and slowest routes. */
  getUsage(range: RumUsageRange): Promise<RumUsage>;
}

/**
 * A failed request to the RUM API (`statusCode`, `body`); the message
 * carries the backend's explanation. Not named `ResponseError`: Backstage's
 * error panel would then expect that class's `cause` and full body.
 * @public
 */
export class RumApiError extends Error {
  readonly name = 'RumApiError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
    /** The backend's `x-request-id` (goes into "Report this problem"). */
    readonly requestId?: string,
  ) {
    super(message);
  }

  static async fromResponse(response: Response): Promise<RumApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined; // a proxy's HTML page: kept out of the message
    }
    const detail = (body as { error?: { message?: unknown } })?.error?.message;
    const status = `${response.status}${
      response.statusText ? ` ${response.statusText}` : ''
    }`;
    return new RumApiError(
      typeof detail === 'string' && detail
        ? `Request failed with ${status}: ${detail}`
        : `Request failed with ${status}`,
      response.status,
      body,
      response.headers?.get('x-request-id') ?? undefined,
    );
  }
}

/**
 * HTTP client of the RUM backend: Backstage's discovery and fetch APIs in
 * the browser (the fetch adds the user's token).
 * @public
 */
export class RumClient implements RumApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  listErrorGroups(
    query: { limit?: number; offset?: number } = {},
  ): Promise<RumErrorGroupList> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    const qs = params.toString();
    return this.get(`/errors${qs ? `?${qs}` : ''}`);
  }

  getErrorGroup(fingerprint: string): Promise<RumErrorGroupDetail> {
    return this.get(`/errors/${encodeURIComponent(fingerprint)}`);
  }

  getUsage(range: RumUsageRange): Promise<RumUsage> {
    return this.get(`/usage?range=${encodeURIComponent(range)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('rum');
    const response = await this.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) throw await RumApiError.fromResponse(response);
    return (await response.json()) as T;
  }
}
