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
  constructor(message: string, readonly statusCode: number) {
    super(message);
  }
}

/**
 * HTTP client of the service health backend: the frontend passes
 * Backstage's discovery and fetch APIs (which add the user's token).
 * @public
 */
export class ServiceHealthClient implements ServiceHealthApi {
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi?: { fetch: typeof fetch };
    },
  ) {
    // Bound: a browser's fetch throws "Illegal invocation" as a method.
    const fetchApi = options.fetchApi;
    this.fetchImpl = fetchApi
      ? (input, init) => fetchApi.fetch(input, init)
      : (input, init) => fetch(input, init);
  }

  async getEntityHealth(
    entity: { kind: string; namespace?: string; name: string },
    range: HealthRange,
  ): Promise<EntityHealth> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'service-health',
    );
    const path = [
      entity.kind.toLowerCase(),
      (entity.namespace ?? 'default').toLowerCase(),
      entity.name,
    ]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.fetchImpl(
      `${baseUrl}/entities/${path}/health?range=${encodeURIComponent(range)}`,
    );
    if (!response.ok) {
      let detail = '';
      try {
        const body = (await response.json()) as {
          error?: { message?: string };
        };
        detail = body.error?.message ? `: ${body.error.message}` : '';
      } catch {
        // Not JSON (a proxy's page): the status says enough.
      }
      throw new ServiceHealthApiError(
        `Request failed with ${response.status}${detail}`,
        response.status,
      );
    }
    return (await response.json()) as EntityHealth;
  }
}
