import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { catalogEntityRouteRef } from '../../lib/routes';

/**
 * Link to an entity's catalog page from its entity ref; undefined when the
 * app has no catalog entity route or the ref is malformed (then callers show
 * plain text).
 */
export function useEntityPageLink(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(catalogEntityRouteRef);
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) return undefined;
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        // Catalog URLs use the lower-case kind and namespace.
        return entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace: namespace.toLocaleLowerCase('en-US'),
          name,
        });
      } catch {
        return undefined;
      }
    },
    [entityRoute],
  );
}
