import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { catalogEntityRouteRef, LAUNCH_TAB_PATH } from './routes';

/**
 * Link to an entity's catalog page (or a tab below it) from its ref;
 * undefined when the app has no catalog entity route or the ref is
 * malformed (then callers show plain text).
 */
export function useEntityLink(): (
  entityRef: string,
  tab?: string,
) => string | undefined {
  const entityRoute = useRouteRef(catalogEntityRouteRef);
  return useCallback(
    (entityRef: string, tab?: string) => {
      if (!entityRoute) return undefined;
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        // Catalog URLs use the lower-case kind and namespace.
        const path = entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace: namespace.toLocaleLowerCase('en-US'),
          name,
        });
        return tab ? `${path.replace(/\/$/, '')}/${tab}` : path;
      } catch {
        // A malformed ref from the backend must not break the whole list.
        return undefined;
      }
    },
    [entityRoute],
  );
}

/** Link to an entity's Launch tab. */
export function useLaunchTabLink(): (entityRef: string) => string | undefined {
  const entityLink = useEntityLink();
  return useCallback(
    (entityRef: string) => entityLink(entityRef, LAUNCH_TAB_PATH),
    [entityLink],
  );
}
