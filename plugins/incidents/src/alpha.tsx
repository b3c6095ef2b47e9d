/**
 * The incidents plugin for Backstage's new frontend system: the incidents
 * page (with incident and postmortem pages below it, and its sidebar item),
 * the entity "Incidents" tab, the "Action items" card of users and groups,
 * the "Open incidents" and "My action items" home page widgets, and the API.
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
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import DescriptionIcon from '@material-ui/icons/Description';
import {
  INCIDENT_SEARCH_TYPE,
  POSTMORTEM_SEARCH_TYPE,
} from '@vigil/backstage-plugin-incidents-common';
import { incidentsApiRef } from './api/IncidentsApi';
import { IncidentsClient } from './api/IncidentsClient';
import { isActionItemOwner, isIncidentsTabAvailable } from './lib/filters';
import {
  catalogEntityRouteRef,
  incidentRouteRef,
  INCIDENTS_TAB_PATH,
  postmortemRouteRef,
  rootRouteRef,
  techdocsEntityRouteRef,
} from './lib/routes';

/**
 * `api:incidents`: the HTTP client of the incidents backend.
 * @alpha
 */
export const incidentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: incidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:incidents`: the incident list at `/incidents`, an incident at
 * `/incidents/:incidentId` and its postmortem at
 * `/incidents/:incidentId/postmortem`. Its title, icon and route ref make
 * the sidebar list it as "Incidents".
 * @alpha
 */
export const incidentsPage = PageBlueprint.make({
  params: {
    path: '/incidents',
    title: 'Incidents',
    icon: <ReportProblemIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    // Each page draws its own Header.
    noHeader: true,
    loader: () =>
      import('./components/IncidentsPage').then(m => <m.IncidentsPage />),
  },
});

/**
 * `entity-content:incidents`: the "Incidents" tab of components, systems, resources and APIs.
 * @alpha
 */
export const entityIncidentsContent = EntityContentBlueprint.make({
  params: {
    path: `/${INCIDENTS_TAB_PATH}`,
    title: 'Incidents',
    filter: isIncidentsTabAvailable,
    loader: () =>
      import('./components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * `entity-card:incidents/action-items`: open action items of a user or group.
 * @alpha
 */
export const entityActionItemsCard = EntityCardBlueprint.make({
  name: 'action-items',
  params: {
    filter: isActionItemOwner,
    loader: () =>
      import('./components/EntityActionItemsCard').then(m => (
        <m.EntityActionItemsCard />
      )),
  },
});

/**
 * `search-result-list-item:incidents`: incidents and postmortems in search results.
 * @alpha
 */
export const incidentsSearchResultListItem = SearchResultListItemBlueprint.make(
  {
    params: {
      predicate: result =>
        result.type === INCIDENT_SEARCH_TYPE ||
        result.type === POSTMORTEM_SEARCH_TYPE,
      component: () =>
        import('./components/IncidentSearchResultListItem').then(
          m => m.IncidentSearchResultListItem as never,
        ),
    },
  },
);

/**
 * `search-filter-result-type:incidents/incidents`: the "Incidents" result type.
 * @alpha
 */
export const incidentsSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'incidents',
  params: {
    value: INCIDENT_SEARCH_TYPE,
    name: 'Incidents',
    icon: <ReportProblemIcon />,
  },
});

/**
 * `search-filter-result-type:incidents/postmortems`: the "Postmortems" result type.
 * @alpha
 */
export const postmortemsSearchResultType = SearchFilterResultTypeBlueprint.make(
  {
    name: 'postmortems',
    params: {
      value: POSTMORTEM_SEARCH_TYPE,
      name: 'Postmortems',
      icon: <DescriptionIcon />,
    },
  },
);

/**
 * `home-page-widget:incidents/open-incidents`: unresolved incidents, most severe first.
 * @alpha
 */
export const openIncidentsWidget = HomePageWidgetBlueprint.make({
  name: 'open-incidents',
  params: {
    name: 'OpenIncidents',
    title: 'Open incidents',
    description: 'Incidents not resolved yet, most severe first',
    components: () =>
      import('./components/home/OpenIncidentsContent').then(m => ({
        Content: m.OpenIncidentsContent,
      })),
  },
});

/**
 * `home-page-widget:incidents/my-action-items`: open action items of the user and their groups.
 * @alpha
 */
export const myActionItemsWidget = HomePageWidgetBlueprint.make({
  name: 'my-action-items',
  params: {
    name: 'MyActionItems',
    title: 'My action items',
    description: 'Open postmortem action items of you and your teams',
    components: () =>
      import('./components/home/MyActionItemsContent').then(m => ({
        Content: m.MyActionItemsContent,
      })),
  },
});

export default createFrontendPlugin({
  pluginId: 'incidents',
  title: 'Incidents',
  icon: <ReportProblemIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    incident: incidentRouteRef,
    postmortem: postmortemRouteRef,
  },
  externalRoutes: {
    catalogEntity: catalogEntityRouteRef,
    techdocsEntity: techdocsEntityRouteRef,
  },
  extensions: [
    incidentsApi,
    incidentsPage,
    entityIncidentsContent,
    entityActionItemsCard,
    incidentsSearchResultListItem,
    incidentsSearchResultType,
    postmortemsSearchResultType,
    openIncidentsWidget,
    myActionItemsWidget,
  ],
});
