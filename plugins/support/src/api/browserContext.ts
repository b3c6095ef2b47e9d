import type { ConfigApi } from '@backstage/core-plugin-api';
import {
  entityRefOfRoute,
  routeOf,
} from '@vigil/backstage-plugin-support-common';

/** What Grafana Faro puts on `window` when the rum plugin starts it. */
interface FaroGlobal {
  api?: { getSession?: () => { id?: string } | undefined };
}

/**
 * The Faro session id, read from Faro's global (`window.faro`, set by
 * `initializeFaro`), so this plugin does not depend on the rum plugin.
 * Undefined when RUM is off.
 */
export function faroSessionId(): string | undefined {
  try {
    const faro = (window as unknown as { faro?: FaroGlobal }).faro;
    const id = faro?.api?.getSession?.()?.id;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Where the user is: the route (no query), its entity and the app version. */
export function browserContext(config?: ConfigApi) {
  const route = routeOf(window.location.pathname);
  return {
    route,
    entityRef: entityRefOfRoute(route),
    appVersion: config?.getOptionalString('rum.release') || undefined,
  };
}
