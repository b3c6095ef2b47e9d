import { JsonHttpClient, readFailedResponse } from '@vigil/common-kit';
import type { EntityHealth } from './api';
import type { HealthRange } from './ranges';

/**
 * Reads the service health backend (`/api/service-health`). Implemented by
 * {@link ServiceHealthClient}.
 * @public
 */
export interface ServiceHealthApi {
  getEntityHealth(
    entity: { kind: string; namespace?: string; name: string },
    range: HealthRange,
  ): Promise<EntityHealth>;
}

/**
 * A failed request; the message carries the backend's explanation. Shaped
 * like Backstage's `ResponseError` (`statusCode`), which -common cannot import.
 * @public
 */
export class ServiceHealthApiError extends Error {
  readonly name = 'ResponseError';
  constructor(
    message: string,
    readonly statusCode: number,
    /** The backend's `x-request-id` (goes into "Report this problem"). */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/**
 * HTTP client of the service health backend: the frontend passes
 * Backstage's discovery and fetch APIs (which add the user's token).
 * @public
 */
export class ServiceHealthClient implements ServiceHealthApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'service-health',
      toError: async response => {
        const failed = await readFailedResponse(response);
        // "Request failed with 503: Prometheus ..." (no status text: it is
        // shown on the tab as is).
        return new ServiceHealthApiError(
          failed.backendMessage
            ? `Request failed with ${response.status}: ${failed.backendMessage}`
            : `Request failed with ${response.status}`,
          response.status,
          failed.requestId,
        );
      },
    });
  }

  async getEntityHealth(
    entity: { kind: string; namespace?: string; name: string },
    range: HealthRange,
  ): Promise<EntityHealth> {
    const path = [
      entity.kind.toLowerCase(),
      (entity.namespace ?? 'default').toLowerCase(),
      entity.name,
    ]
      .map(encodeURIComponent)
      .join('/');
    return this.http.get<EntityHealth>(
      `/entities/${path}/health?range=${encodeURIComponent(range)}`,
    );
  }
}
