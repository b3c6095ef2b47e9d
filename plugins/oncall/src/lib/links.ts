import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import { catalogEntityRouteRef, pageRouteRef, rootRouteRef } from './routes';

/** An entity's catalog page: the bound route, else Backstage's default path. */
export function useEntityLink(): (entityRef: string) => string | undefined {
  const catalogRoute = useRouteRef(catalogEntityRouteRef);
  return useCallback(
    (entityRef: string) => {
      let params;
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        params = { kind: kind.toLocaleLowerCase('en-US'), namespace, name };
      } catch {
        return undefined;
      }
      return (
        catalogRoute?.(params) ??
        `/catalog/${[params.namespace, params.kind, params.name]
          .map(encodeURIComponent)
          .join('/')}`
      );
    },
    [catalogRoute],
  );
}

/** Links to the plugin's pages; default paths when not mounted (tests). */
export function useOnCallLinks() {
  const rootRoute = useRouteRef(rootRouteRef);
  const pageRoute = useRouteRef(pageRouteRef);
  return useMemo(
    () => ({
      root: rootRoute?.() ?? '/oncall',
      page: (id: string) =>
        pageRoute?.({ id }) ?? `/oncall/pages/${encodeURIComponent(id)}`,
    }),
    [rootRoute, pageRoute],
  );
}
