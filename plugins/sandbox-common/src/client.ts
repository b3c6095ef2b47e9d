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
export class SandboxApiError extends Error {
  readonly name = 'SandboxApiError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(message);
  }

  static async fromResponse(response: Response): Promise<SandboxApiError> {
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
    return new SandboxApiError(
      typeof detail === 'string' && detail
        ? `Request failed with ${status}: ${detail}`
        : `Request failed with ${status}`,
      response.status,
      body,
    );
  }
}

/**
 * HTTP client of the sandbox backend: Backstage's discovery and fetch APIs
 * in the browser (the fetch adds the user's token).
 * @public
 */
export class SandboxClient implements SandboxApi {
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

  listServices(): Promise<SandboxServicesResponse> {
    return this.call('GET', '/services');
  }

  setFaults(
    name: string,
    faults: FaultSettings,
  ): Promise<Pick<SandboxService, 'name' | 'entityRef' | 'faults'>> {
    return this.call(
      'PUT',
      `/services/${encodeURIComponent(name)}/faults`,
      faults,
    );
  }

  reset(): Promise<SandboxResetResult> {
    return this.call('POST', '/reset');
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('sandbox');
    const response = await this.fetchApi.fetch(`${base}${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) throw await SandboxApiError.fromResponse(response);
    return (await response.json()) as T;
  }
}
