import type { ResilientDependency } from './types';

/** What `createResilientFetch` needs besides the dependency. @public */
export interface ResilientFetchOptions {
  /** The fetch to wrap. Default: the global fetch. */
  fetch?: typeof fetch;
  /**
   * Whether a request may be retried. Default: GET, HEAD and OPTIONS. Give
   * it for read-only POSTs (the catalog's `/entities/by-refs`).
   */
  isIdempotent?: (method: string, url: URL) => boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// An answer that means the dependency is failing (5xx, 408, 429). Thrown so
// it counts and is retried; the last one is returned to the caller, whose
// own handling of error responses stays as it was.
class FailedResponse extends Error {
  readonly statusCode: number;
  constructor(readonly response: Response) {
    super(`HTTP ${response.status} ${response.statusText}`.trim());
    this.statusCode = response.status;
  }
}

function urlOf(input: Parameters<typeof fetch>[0]): URL {
  if (input instanceof URL) return input;
  return new URL(typeof input === 'string' ? input : input.url);
}

/**
 * A fetch whose requests go through `dependency`: a timeout per attempt
 * (until the response's headers; its body is read whole only for failed
 * answers), the breaker, and retries for idempotent requests. A 5xx, 408 or
 * 429 answer counts as a failure but is still returned (the last one, after
 * the retries); a connection error or timeout throws, as does an open
 * breaker (DependencyUnavailableError).
 * @public
 */
export function createResilientFetch(
  dependency: ResilientDependency,
  options: ResilientFetchOptions = {},
): typeof fetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const isIdempotent =
    options.isIdempotent ?? ((method: string) => SAFE_METHODS.has(method));
  return async (input, init) => {
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const idempotent = isIdempotent(method, urlOf(input));
    try {
      return await dependency.execute(
        async signal => {
          const response = await fetchImpl(input, {
            ...init,
            signal: init?.signal
              ? AbortSignal.any([init.signal, signal])
              : signal,
          });
          if (
            response.status >= 500 ||
            response.status === 408 ||
            response.status === 429
          ) {
            // Read now: frees the connection of an attempt that is retried.
            const body = await response.arrayBuffer();
            throw new FailedResponse(
              new Response(body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
              }),
            );
          }
          return response;
        },
        { idempotent },
      );
    } catch (error) {
      if (error instanceof FailedResponse) return error.response;
      throw error;
    }
  };
}
