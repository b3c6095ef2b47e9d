/**
 * The service health plugin for Backstage's new frontend system: the
 * entity Health tab and its API.
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  hasHealthAnnotations,
  ServiceHealthClient,
} from '@vigil/backstage-plugin-service-health-common';
import { serviceHealthApiRef } from './api';

/**
 * `api:service-health`: the HTTP client of the service health backend.
 * @alpha
 */
export const serviceHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceHealthClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-content:service-health`: the Health tab of entities that name
 * their Prometheus job or selector.
 * @alpha
 */
export const entityHealthContent = EntityContentBlueprint.make({
  params: {
    path: '/health',
    title: 'Health',
    filter: entity => hasHealthAnnotations(entity.metadata.annotations),
    loader: () =>
      import('./components/EntityHealthContent').then(m => (
        <m.EntityHealthContent />
      )),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'service-health',
  title: 'Service health',
  info: { packageJson: () => import('../package.json') },
  extensions: [serviceHealthApi, entityHealthContent],
});
