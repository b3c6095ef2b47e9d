import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import {
  catalogEntityRouteRef,
  DEPLOYMENTS_TAB_PATH,
  incidentRouteRef,
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
  };
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
