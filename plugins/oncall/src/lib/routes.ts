import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** "My shifts" (`/oncall`). */
export const rootRouteRef = createRouteRef();

/**
 * One page (a notification to on-call people), mounted by its own page
 * extension at `/oncall/pages/:id`.
 */
export const pageRouteRef = createRouteRef({ params: ['id'] });

/** An entity's page in the catalog. */
export const catalogEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'catalog.catalogEntity',
});

/** Path of the group's "On call" tab below the entity page. */
export const ONCALL_TAB_PATH = 'oncall';
