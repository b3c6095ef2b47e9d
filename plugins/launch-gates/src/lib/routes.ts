import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** The launches page (`/launch-gates`). */
export const rootRouteRef = createRouteRef();

/** An entity's page in the catalog; the Launch tab is its `launch` sub-path. */
export const catalogEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'catalog.catalogEntity',
});

/**
 * Path of the Launch tab below the entity page (the backend's reopen
 * notifications link to it).
 * @public
 */
export const LAUNCH_TAB_PATH = 'launch';
