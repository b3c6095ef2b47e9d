import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The incidents page (`/incidents`); the plugin's other pages live below it. */
export const rootRouteRef = createRouteRef();

/** One incident: `/incidents/:incidentId`. */
export const incidentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:incidentId',
});

/** An incident's postmortem: `/incidents/:incidentId/postmortem`. */
export const postmortemRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:incidentId/postmortem',
});

/** An entity's page in the catalog. */
export const catalogEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'catalog.catalogEntity',
});

/** An entity's TechDocs (its runbooks). */
export const techdocsEntityRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'techdocs.docRoot',
});

/** Path of the incidents tab below the entity page. */
export const INCIDENTS_TAB_PATH = 'incidents';
/** Path of the SLO tab (plugins/slo) below the entity page. */
export const SLO_TAB_PATH = 'slos';
/** Path of the Deployments tab (plugins/deployments) below the entity page. */
export const DEPLOYMENTS_TAB_PATH = 'deployments';
/** Path of the Logs tab (plugins/logs) below the entity page. */
export const LOGS_TAB_PATH = 'logs';
