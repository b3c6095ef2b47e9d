/**
 * The on-call plugin for Backstage's new frontend system: the "On call now"
 * entity card with its page button, the group "On call" tab (schedule
 * timelines, overrides, schedule and escalation policy editors), the "On
 * call" page (my shifts, my open pages, calendar feed, one page's
 * deliveries, with its sidebar item) and the API.
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
import PhoneInTalkIcon from '@material-ui/icons/PhoneInTalk';
import { onCallApiRef } from './api/OnCallApi';
import { OnCallClient } from './api/OnCallClient';
import { hasOnCallCard, isOnCallGroup } from './lib/filters';
import {
  catalogEntityRouteRef,
  ONCALL_TAB_PATH,
  pageRouteRef,
  rootRouteRef,
} from './lib/routes';

/**
 * `api:oncall`: the HTTP client of the on-call backend.
 * @alpha
 */
export const onCallApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: onCallApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OnCallClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:oncall`: my shifts, open pages and calendar feed at `/oncall`. Its title, icon and route ref
 * make the sidebar list it as "On call".
 * @alpha
 */
export const onCallPage = PageBlueprint.make({
  params: {
    path: '/oncall',
    title: 'On call',
    icon: <PhoneInTalkIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    // Each page draws its own Header.
    noHeader: true,
    loader: () =>
      import('./components/MyOnCallPage').then(m => <m.MyShiftsPage />),
  },
});

/**
 * `page:oncall/page`: one page with its deliveries at `/oncall/pages/:id`,
 * the link of page notifications without an incident. No title: not in the
 * sidebar.
 * @alpha
 */
export const onCallPageDetailsPage = PageBlueprint.make({
  name: 'page',
  params: {
    path: '/oncall/pages/:id',
    routeRef: pageRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/PageDetails').then(m => <m.PageDetailsPage />),
  },
});

/**
 * `entity-card:oncall`: who is on call now for the entity's owner, with a page button.
 * @alpha
 */
export const entityOnCallCard = EntityCardBlueprint.make({
  params: {
    filter: hasOnCallCard,
    loader: () =>
      import('./components/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

/**
 * `entity-content:oncall`: a group's schedules and escalation policies.
 * @alpha
 */
export const entityOnCallContent = EntityContentBlueprint.make({
  params: {
    path: `/${ONCALL_TAB_PATH}`,
    title: 'On call',
    filter: isOnCallGroup,
    loader: () =>
      import('./components/GroupOnCallContent').then(m => (
        <m.GroupOnCallContent />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'oncall',
  title: 'On call',
  icon: <PhoneInTalkIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, page: pageRouteRef },
  externalRoutes: { catalogEntity: catalogEntityRouteRef },
  extensions: [
    onCallApi,
    onCallPage,
    onCallPageDetailsPage,
    entityOnCallCard,
    entityOnCallContent,
  ],
});
