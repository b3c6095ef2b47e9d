import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  createResilientFetch,
  type DependencyHealthService,
} from '@vigil/backend-kit';
import type { CycleMemo } from './CycleMemo';

/**
 * A non-2xx answer of another plugin's API. `status` lets a provider tell
 * "not found" (the entity has nothing there) from an outage.
 */
export class PluginApiError extends Error {
  constructor(
    message: string,
    readonly pluginId: string,
    readonly path: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PluginApiError';
  }
}

/** The most of an error body quoted in a message. */
const MAX_QUOTED = 300;

async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    const message = body?.error?.message;
    if (typeof message === 'string') return message.slice(0, MAX_QUOTED);
  } catch {
    // not JSON: quote the text
  }
  return text.slice(0, MAX_QUOTED) || response.statusText;
}

export interface PluginApiReaderOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  memo: CycleMemo;
  /** Limit of one read, whoever waits for it. */
  timeoutMs: number;
  /**
   * Reads go through `plugin:<id>` dependencies (timeout, retries of these
   * GETs, a circuit breaker per plugin) when given.
   */
  dependencyHealth?: DependencyHealthService;
}

/**
 * Reads `GET <plugin base URL><path>` with the launch-gates plugin's service
 * credentials (a plugin request token on behalf of its own service), once
 * per cycle for each plugin and path. Answers parsed JSON, or the text of a
 * non-JSON answer (a TechDocs page).
 */
export function createPluginApiReader(options: PluginApiReaderOptions) {
  const { auth, discovery, memo, timeoutMs, dependencyHealth } = options;
  const fetchFrom = (pluginId: string): typeof fetch =>
    dependencyHealth
      ? createResilientFetch(
          dependencyHealth.dependency(`plugin:${pluginId}`, {
            displayName: `The ${pluginId} backend`,
          }),
        )
      : fetch;
  return function readPluginApi<T = unknown>(
    pluginId: string,
    path: string,
  ): Promise<T> {
    if (!path.startsWith('/')) {
      return Promise.reject(
        new Error(`A plugin API path starts with "/": ${path}`),
      );
    }
    return memo.get(`plugin-api ${pluginId} ${path}`, async () => {
      const where = `the ${pluginId} API (GET ${path.split('?')[0]})`;
      let response: Response;
      try {
        const baseUrl = await discovery.getBaseUrl(pluginId);
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: pluginId,
        });
        response = await fetchFrom(pluginId)(`${baseUrl}${path}`, {
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json, text/html;q=0.9',
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${Math.round(timeoutMs / 1000)} s`
            : (error as Error).message;
        throw new PluginApiError(
          `${where} could not be read: ${reason}`,
          pluginId,
          path,
        );
      }
      if (!response.ok) {
        throw new PluginApiError(
          `${where} answered ${response.status}: ${await errorMessageOf(
            response,
          )}`,
          pluginId,
          path,
          response.status,
        );
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) return (await response.text()) as T;
      try {
        return (await response.json()) as T;
      } catch (error) {
        throw new PluginApiError(
          `${where} answered invalid JSON: ${(error as Error).message}`,
          pluginId,
          path,
          response.status,
        );
      }
    });
  };
}
