import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import {
  catalogEntityRouteRef,
  DEPLOYMENTS_TAB_PATH,
  incidentRouteRef,
  LOGS_TAB_PATH,
  postmortemRouteRef,
  rootRouteRef,
  SLO_TAB_PATH,
  techdocsEntityRouteRef,
} from './routes';

/** Where an affected entity's pages are. */
export interface EntityPageLinks {
  catalog: string;
  /** Its TechDocs, where Vigil keeps runbooks. */
  docs: string;
  /** Its SLO tab (plugins/slo). */
  slos: string;
  /** Its Deployments tab (plugins/deployments). */
  deployments: string;
  /** Its Logs tab (plugins/logs), without a time window. */
  logs: string;
}

type RouteFunc =
  | ((params: { namespace: string; kind: string; name: string }) => string)
  | undefined;

function entityParams(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  // Backstage routes use the lower-case kind.
  return { kind: kind.toLocaleLowerCase('en-US'), namespace, name };
}

/** Pure: the links, from the bound routes or Backstage's default paths. */
export function entityPageLinks(
  entityRef: string,
  catalogRoute?: RouteFunc,
  docsRoute?: RouteFunc,
): EntityPageLinks | undefined {
  let params;
  try {
    params = entityParams(entityRef);
  } catch {
    return undefined;
  }
  const { kind, namespace, name } = params;
  const path = [namespace, kind, name].map(encodeURIComponent).join('/');
  const catalog = catalogRoute?.(params) ?? `/catalog/${path}`;
  return {
    catalog,
    docs: docsRoute?.(params) ?? `/docs/${path}`,
    slos: `${catalog.replace(/\/$/, '')}/${SLO_TAB_PATH}`,
    deployments: `${catalog.replace(/\/$/, '')}/${DEPLOYMENTS_TAB_PATH}`,
    logs: `${catalog.replace(/\/$/, '')}/${LOGS_TAB_PATH}`,
  };
}

const MINUTE_MS = 60_000;
/** The Logs tab searches at most 31 days; the window is cut to 30. */
const MAX_LOGS_WINDOW_MS = 30 * 24 * 60 * MINUTE_MS;

/**
 * The Logs tab over an incident's time window: from 15 minutes before it
 * was detected (or declared) to 15 minutes after it was resolved; open
 * incidents up to now (no `to`). The logs plugin reads `from`/`to` from
 * the URL query; this plugin only builds the URL.
 */
export function incidentLogsLink(
  logsPath: string,
  timestamps: { detectedAt?: string; declaredAt: string; resolvedAt?: string },
  now: number = Date.now(),
): string {
  const start = Date.parse(timestamps.detectedAt ?? timestamps.declaredAt);
  const end = timestamps.resolvedAt
    ? Date.parse(timestamps.resolvedAt) + 15 * MINUTE_MS
    : undefined;
  const from = Math.max(
    start - 15 * MINUTE_MS,
    (end ?? now) - MAX_LOGS_WINDOW_MS,
  );
  const params = new URLSearchParams({ from: new Date(from).toISOString() });
  if (end !== undefined) params.set('to', new Date(end).toISOString());
  return `${logsPath}?${params}`;
}

/** Links to an entity's catalog page, runbooks and SLOs. */
export function useEntityPageLinks(): (
  entityRef: string,
) => EntityPageLinks | undefined {
  const catalogRoute = useRouteRef(catalogEntityRouteRef);
  const docsRoute = useRouteRef(techdocsEntityRouteRef);
  return useCallback(
    (entityRef: string) => entityPageLinks(entityRef, catalogRoute, docsRoute),
    [catalogRoute, docsRoute],
  );
}

/** Links to the plugin's own pages; default paths when not mounted (tests). */
export function useIncidentLinks() {
  const rootRoute = useRouteRef(rootRouteRef);
  const incidentRoute = useRouteRef(incidentRouteRef);
  const postmortemRoute = useRouteRef(postmortemRouteRef);
  return useMemo(
    () => ({
      root: rootRoute?.() ?? '/incidents',
      incident: (incidentId: string) =>
        incidentRoute?.({ incidentId }) ??
        `/incidents/${encodeURIComponent(incidentId)}`,
      postmortem: (incidentId: string) =>
        postmortemRoute?.({ incidentId }) ??
        `/incidents/${encodeURIComponent(incidentId)}/postmortem`,
    }),
    [rootRoute, incidentRoute, postmortemRoute],
  );
}
