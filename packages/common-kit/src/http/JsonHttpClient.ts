import { HttpApiError } from './HttpApiError';

/**
 * Backstage's discovery API, as much of it as a client needs.
 * @public
 */
export interface DiscoveryLike {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * Backstage's fetch API (or any fetch that adds a token).
 * @public
 */
export interface FetchLike {
  fetch: typeof fetch;
}

/**
 * How {@link JsonHttpClient} reaches a plugin's backend.
 * @public
 */
export interface JsonHttpClientOptions {
  /** The backend plugin's id, e.g. `support` (for `/api/support`). */
  pluginId: string;
  discoveryApi: DiscoveryLike;
  /** Backstage's fetch API in the browser; the global fetch when absent. */
  fetchApi?: FetchLike;
  /**
   * The error thrown for a failed response, e.g.
   * `response => SupportApiError.fromResponse(response)`;
   * {@link HttpApiError} by default.
   */
  toError?: (response: Response) => Promise<Error>;
}

/**
 * The HTTP method of a {@link JsonHttpClient} request.
 * @public
 */
export type JsonHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends JSON to a Vigil backend and reads JSON back, in the browser (with
 * Backstage's discovery and fetch APIs, whose fetch adds the user's token)
 * or in Node (a discovery of the backend's URL and a fetch adding a token).
 * A plugin's client keeps one and throws its own error class.
 * @public
 */
export class JsonHttpClient {
  private readonly pluginId: string;
  private readonly discoveryApi: DiscoveryLike;
  private readonly fetchApi: FetchLike;
  private readonly toError: (response: Response) => Promise<Error>;

  constructor(options: JsonHttpClientOptions) {
    this.pluginId = options.pluginId;
    this.discoveryApi = options.discoveryApi;
    // Bound: a browser's fetch throws "Illegal invocation" when called as
    // a method of another object.
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
    this.toError =
      options.toError ?? (response => HttpApiError.fromResponse(response));
  }

  /**
   * Sends `body` (if any) as JSON to the backend's `path` (which starts
   * with `/` and carries any query string) and answers the parsed JSON
   * reply; throws the client's error when the status is not 2xx.
   */
  async request<T>(
    method: JsonHttpMethod,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  /**
   * Like {@link JsonHttpClient.request}, but answers the successful
   * response itself, for a reply that is not JSON (a file, Markdown).
   */
  async send(
    method: JsonHttpMethod,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(this.pluginId);
    const url = `${baseUrl}${path}`;
    // A plain GET passes no init at all, as the clients always did.
    const response = await (method === 'GET' && body === undefined
      ? this.fetchApi.fetch(url)
      : this.fetchApi.fetch(url, {
          method,
          ...(body !== undefined && {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
        }));
    if (!response.ok) throw await this.toError(response);
    return response;
  }

  /** A GET of `path`, answering the parsed JSON reply. */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}
