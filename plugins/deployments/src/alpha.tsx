/**
 * The deployments plugin for Backstage's new frontend system: the API and
 * the "Deployments" tab of services (DORA figures, releases with their
 * steps and smoke checks, rollback drills with RTO and RPO).
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import { DeploymentsClient } from '@vigil/backstage-plugin-deployments-common';
import { deploymentsApiRef } from './api/DeploymentsApi';
import { isDeployableService } from './lib/filters';
import { DEPLOYMENTS_TAB_PATH } from './lib/routes';

/**
 * `api:deployments`: the HTTP client of the deployments backend.
 * @alpha
 */
export const deploymentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-content:deployments`: the Deployments tab of services.
 * @alpha
 */
export const entityDeploymentsContent = EntityContentBlueprint.make({
  params: {
    path: `/${DEPLOYMENTS_TAB_PATH}`,
    title: 'Deployments',
    filter: isDeployableService,
    loader: () =>
      import('./components/EntityDeploymentsContent').then(m => (
        <m.EntityDeploymentsContent />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'deployments',
  title: 'Deployments',
  icon: <CloudUploadIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [deploymentsApi, entityDeploymentsContent],
});
