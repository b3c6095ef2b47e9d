import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { catalogEntityRouteRef, SLO_TAB_PATH } from './routes';

/**
 * Link to an entity's SLO tab from its entity ref; undefined when the app has
 * no catalog entity route (then callers show plain text).
 */
export function useSloTabLink(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(catalogEntityRouteRef);
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) return undefined;
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        const entityPath = entityRoute({ kind, namespace, name });
        return `${entityPath.replace(/\/$/, '')}/${SLO_TAB_PATH}`;
      } catch {
        // A malformed ref from the backend must not break the whole list.
        return undefined;
      }
    },
    [entityRoute],
  );
}
