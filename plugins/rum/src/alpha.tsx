/**
 * The real-user monitoring plugin for Backstage's new frontend system:
 * Grafana Faro started in the app (an app root element), the "Errors" page
 * for portal admins, and the "Portal usage" card and tab of the Vigil
 * entity.
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import BugReportIcon from '@material-ui/icons/BugReport';
import { RumClient } from '@vigil/backstage-plugin-rum-common';
import { rumApiRef } from './api/RumApi';
import { RumInitializer } from './faro/RumInitializer';
import { isPortalEntity } from './lib/filters';
import { errorsRouteRef, USAGE_TAB_PATH } from './lib/routes';

/**
 * `api:rum`: the HTTP client of the RUM backend.
 * @alpha
 */
export const rumApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: rumApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RumClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `app-root-element:rum/faro`: starts Grafana Faro when `rum.enabled` is
 * true (web vitals, errors, sessions, route changes; the user ref hashed).
 * @alpha
 */
export const rumFaroElement = AppRootElementBlueprint.make({
  name: 'faro',
  params: { element: <RumInitializer /> },
});

/**
 * `page:rum`: the JavaScript errors of the portal, at `/rum/errors`.
 * @alpha
 */
export const rumErrorsPage = PageBlueprint.make({
  params: {
    path: '/rum/errors',
    title: 'Errors',
    icon: <BugReportIcon fontSize="inherit" />,
    routeRef: errorsRouteRef,
    noHeader: true,
    loader: () => import('./components/ErrorsPage').then(m => <m.ErrorsPage />),
  },
});

/**
 * `entity-card:rum/portal-usage`: users, page loads and slowest routes, on
 * the Vigil entity's overview.
 * @alpha
 */
export const entityPortalUsageCard = EntityCardBlueprint.make({
  name: 'portal-usage',
  params: {
    filter: isPortalEntity,
    loader: () =>
      import('./components/PortalUsageCard').then(m => <m.PortalUsageCard />),
  },
});

/**
 * `entity-content:rum`: the "Usage" tab of the Vigil entity.
 * @alpha
 */
export const entityPortalUsageContent = EntityContentBlueprint.make({
  params: {
    path: `/${USAGE_TAB_PATH}`,
    title: 'Usage',
    filter: isPortalEntity,
    loader: () =>
      import('./components/PortalUsageCard').then(m => <m.PortalUsageCard />),
  },
});

export default createFrontendPlugin({
  pluginId: 'rum',
  title: 'Real-user monitoring',
  icon: <BugReportIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { errors: errorsRouteRef },
  extensions: [
    rumApi,
    rumFaroElement,
    rumErrorsPage,
    entityPortalUsageCard,
    entityPortalUsageContent,
  ],
});
