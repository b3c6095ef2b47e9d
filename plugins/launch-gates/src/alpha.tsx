/**
 * The launch-gates plugin for Backstage's new frontend system: the API, the
 * "Launch" tab of components (a Go/No-Go review's gates, checks and their
 * evidence, waivers, sign-off and history, export), the launches page (with
 * its sidebar item "Launches") and the "Awaiting your decision" home page
 * widget.
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import FlightTakeoffIcon from '@material-ui/icons/FlightTakeoff';
import { LaunchGatesClient } from '@vigil/backstage-plugin-launch-gates-common';
import { launchGatesApiRef } from './api/LaunchGatesApi';
import { isLaunchTabAvailable } from './lib/filters';
import {
  catalogEntityRouteRef,
  LAUNCH_TAB_PATH,
  rootRouteRef,
} from './lib/routes';

/**
 * `api:launch-gates`: the HTTP client of the launch-gates backend.
 * @alpha
 */
export const launchGatesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: launchGatesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new LaunchGatesClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:launch-gates`: upcoming launches at `/launch-gates`. Its title, icon
 * and route ref make the sidebar list it as "Launches".
 * @alpha
 */
export const launchesPage = PageBlueprint.make({
  params: {
    path: '/launch-gates',
    title: 'Launches',
    icon: <FlightTakeoffIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    // The page draws its own Header.
    noHeader: true,
    loader: () =>
      import('./components/LaunchesPage').then(m => <m.LaunchesPage />),
  },
});

/**
 * `entity-content:launch-gates`: the "Launch" tab of components.
 * @alpha
 */
export const entityLaunchContent = EntityContentBlueprint.make({
  params: {
    path: `/${LAUNCH_TAB_PATH}`,
    title: 'Launch',
    filter: isLaunchTabAvailable,
    loader: () =>
      import('./components/EntityLaunchContent').then(m => (
        <m.EntityLaunchContent />
      )),
  },
});

/**
 * `home-page-widget:launch-gates/awaiting-decision`: reviews the signed-in
 * product owner may sign that await a decision.
 * @alpha
 */
export const awaitingDecisionWidget = HomePageWidgetBlueprint.make({
  name: 'awaiting-decision',
  params: {
    name: 'AwaitingDecision',
    title: 'Awaiting your decision',
    description: 'Launch reviews you may sign that await a Go or No-Go',
    components: () =>
      import('./components/home/AwaitingDecisionContent').then(m => ({
        Content: m.AwaitingDecisionContent,
      })),
  },
});

export default createFrontendPlugin({
  pluginId: 'launch-gates',
  title: 'Launches',
  icon: <FlightTakeoffIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  externalRoutes: { catalogEntity: catalogEntityRouteRef },
  extensions: [
    launchGatesApi,
    launchesPage,
    entityLaunchContent,
    awaitingDecisionWidget,
  ],
});
