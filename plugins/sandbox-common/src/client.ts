import { HttpApiError, JsonHttpClient } from '@vigil/common-kit';
import type {
  SandboxResetResult,
  SandboxService,
  SandboxServicesResponse,
} from './api';
import type { FaultSettings } from './faults';

/**
 * The sandbox backend (`/api/sandbox`). Implemented by {@link SandboxClient}.
 * @public
 */
export interface SandboxApi {
  /** The sandbox services with their faults and SLOs, or "not running". */
  listServices(): Promise<SandboxServicesResponse>;
  /** Sets one service's faults (both zero: healthy again). */
  setFaults(
    name: string,
    faults: FaultSettings,
  ): Promise<Pick<SandboxService, 'name' | 'entityRef' | 'faults'>>;
  /** Clears every fault and deletes sandbox incidents, postmortems and SLO history. */
  reset(): Promise<SandboxResetResult>;
}

/**
 * A failed request to the sandbox API (`statusCode`, `body`); the message
 * carries the backend's explanation.
 * @public
 */
export class SandboxApiError extends HttpApiError {
  readonly name = 'SandboxApiError';
}

/**
 * HTTP client of the sandbox backend: Backstage's discovery and fetch APIs
 * in the browser (the fetch adds the user's token).
 * @public
 */
export class SandboxClient implements SandboxApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'sandbox',
      toError: response => SandboxApiError.fromResponse(response),
    });
  }

  listServices(): Promise<SandboxServicesResponse> {
    return this.http.request('GET', '/services');
  }

  setFaults(
    name: string,
    faults: FaultSettings,
  ): Promise<Pick<SandboxService, 'name' | 'entityRef' | 'faults'>> {
    return this.http.request(
      'PUT',
      `/services/${encodeURIComponent(name)}/faults`,
      faults,
    );
  }

  reset(): Promise<SandboxResetResult> {
    return this.http.request('POST', '/reset');
  }
}
