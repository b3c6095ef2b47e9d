/**
 * Vigil's deployments frontend plugin. The plugin itself (new frontend
 * system) is the default export of `@vigil/backstage-plugin-deployments/alpha`;
 * this entry point exports the API and the tab's filter for other plugins
 * and tests.
 *
 * @packageDocumentation
 */
export { deploymentsApiRef } from './api/DeploymentsApi';
export type { DeploymentsApi } from './api/DeploymentsApi';
export { isDeployableService } from './lib/filters';
export { DEPLOYMENTS_TAB_PATH } from './lib/routes';
