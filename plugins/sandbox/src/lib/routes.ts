import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The sandbox page, `/sandbox`. */
export const sandboxRouteRef = createRouteRef();

/** Where a sandbox service's pages are (its entity page and tabs). */
export function entityPaths(name: string) {
  const base = `/catalog/sandbox/component/${encodeURIComponent(name)}`;
  return {
    overview: base,
    slos: `${base}/slos`,
    health: `${base}/health`,
    incidents: `${base}/incidents`,
  };
}
