import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { UpstreamError } from './errors';

/** Long enough for a purge of a big sandbox, short enough for a page. */
const TIMEOUT_MS = 30_000;

/**
 * Calls another plugin of this backend over HTTP: on behalf of the caller
 * (its permissions apply), or with this plugin's own service credentials.
 * A failure is an {@link UpstreamError} naming the plugin and its answer;
 * `notFound`, when given, is what a 404 means instead.
 */
export async function callPlugin(
  services: { auth: AuthService; discovery: DiscoveryService },
  request: {
    pluginId: string;
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    onBehalfOf?: BackstageCredentials;
    notFound?: unknown;
  },
): Promise<unknown> {
  const { auth, discovery } = services;
  const { pluginId } = request;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: request.onBehalfOf ?? (await auth.getOwnServiceCredentials()),
    targetPluginId: pluginId,
  });
  let response: Response;
  try {
    response = await fetch(
      `${await discovery.getBaseUrl(pluginId)}${request.path}`,
      {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(request.body !== undefined && {
            'content-type': 'application/json',
          }),
        },
        body:
          request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
    );
  } catch (error) {
    throw new UpstreamError(
      `The ${pluginId} backend did not answer: ${(error as Error).message}`,
    );
  }
  if (response.status === 404 && request.notFound !== undefined) {
    return request.notFound;
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const message = (json as { error?: { message?: unknown } })?.error?.message;
    throw new UpstreamError(
      `The ${pluginId} backend answered ${response.status}${
        typeof message === 'string' ? `: ${message}` : ''
      }`,
    );
  }
  return json;
}
