/**
 * The SLO plugin for Backstage's new frontend system: the entity SLO tab and
 * overview card, the SLO portfolio page (with its sidebar item), the "SLOs at
 * risk" home page widget and the API.
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import { sloApiRef } from './api/SloApi';
import { SloClient } from './api/SloClient';
import { isSloAvailable } from './lib/annotations';
import {
  catalogEntityRouteRef,
  rootRouteRef,
  SLO_TAB_PATH,
} from './lib/routes';

/**
 * `api:slo`: the HTTP client of the SLO backend.
 * @alpha
 */
export const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:slo`: every SLO in the catalog. Its title, icon and route ref make
 * the app's sidebar list it as "SLOs" (this Backstage release has no
 * NavItemBlueprint; nav items come from pages).
 * @alpha
 */
export const sloPortfolioPage = PageBlueprint.make({
  params: {
    path: '/slos',
    title: 'SLOs',
    icon: <TrackChangesIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    // The page draws its own Header with the filters' context.
    noHeader: true,
    loader: () =>
      import('./components/SloPortfolioPage').then(m => <m.SloPortfolioPage />),
  },
});

/**
 * `entity-content:slo`: the SLO tab of entities that declare SLOs.
 * @alpha
 */
export const entitySloContent = EntityContentBlueprint.make({
  params: {
    path: `/${SLO_TAB_PATH}`,
    title: 'SLOs',
    filter: isSloAvailable,
    loader: () =>
      import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/**
 * `entity-card:slo`: each SLO's status and budget on the overview.
 * @alpha
 */
export const entitySloCard = EntityCardBlueprint.make({
  params: {
    filter: isSloAvailable,
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * `home-page-widget:slo/slos-at-risk`: SLOs breaching or burning budget, on the home page.
 * @alpha
 */
export const slosAtRiskWidget = HomePageWidgetBlueprint.make({
  name: 'slos-at-risk',
  params: {
    name: 'SlosAtRisk',
    title: 'SLOs at risk',
    description: 'SLOs that are breaching or burning their error budget',
    components: () =>
      import('./components/home/SlosAtRiskContent').then(m => ({
        Content: m.SlosAtRiskContent,
      })),
  },
});

export default createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  icon: <TrackChangesIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  externalRoutes: { catalogEntity: catalogEntityRouteRef },
  extensions: [
    sloApi,
    sloPortfolioPage,
    entitySloContent,
    entitySloCard,
    slosAtRiskWidget,
  ],
});
