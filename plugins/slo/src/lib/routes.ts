import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** The SLO portfolio page. */
export const rootRouteRef = createRouteRef();

/** An entity's page in the catalog; the SLO tab is its `slos` sub-path. */
export const catalogEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'catalog.catalogEntity',
});

/** Path of the SLO tab below the entity page. */
export const SLO_TAB_PATH = 'slos';
/** The Logs tab (plugins/logs) below the entity page; only its URL is built here. */
export const LOGS_TAB_PATH = 'logs';
