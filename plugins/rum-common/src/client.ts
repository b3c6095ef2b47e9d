import { HttpApiError, JsonHttpClient, queryString } from '@vigil/common-kit';
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
export class RumApiError extends HttpApiError {
  readonly name = 'RumApiError';
}

/**
 * HTTP client of the RUM backend: Backstage's discovery and fetch APIs in
 * the browser (the fetch adds the user's token).
 * @public
 */
export class RumClient implements RumApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'rum',
      toError: response => RumApiError.fromResponse(response),
    });
  }

  listErrorGroups(
    query: { limit?: number; offset?: number } = {},
  ): Promise<RumErrorGroupList> {
    return this.http.get(
      `/errors${queryString({ limit: query.limit, offset: query.offset })}`,
    );
  }

  getErrorGroup(fingerprint: string): Promise<RumErrorGroupDetail> {
    return this.http.get(`/errors/${encodeURIComponent(fingerprint)}`);
  }

  getUsage(range: RumUsageRange): Promise<RumUsage> {
    return this.http.get(`/usage?range=${encodeURIComponent(range)}`);
  }
}
