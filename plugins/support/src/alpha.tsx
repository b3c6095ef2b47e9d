/**
 * The feedback and support plugin for Backstage's new frontend system
 * (its Feedback button is in the app's sidebar, on every page): "Report
 * this problem" (the implementation
 * of frontend-kit's `reportProblemApiRef`, and the app's alert display with
 * the button on failed requests), My tickets at `/support` and the portal
 * admins' page at `/support/admin`.
 *
 * @packageDocumentation
 */
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { SupportClient } from '@vigil/backstage-plugin-support-common';
import { reportProblemApiRef } from '@vigil/frontend-kit';
import { ReportProblemClient } from './api/ReportProblemClient';
import { supportApiRef } from './api/supportApiRef';
import { AlertDisplay } from './components/AlertDisplay';

const rootRouteRef = createRouteRef();

/**
 * `api:support`: the HTTP client of the support backend.
 * @alpha
 */
export const supportApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: supportApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SupportClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `api:support/report-problem`: frontend-kit's `reportProblemApiRef`, which
 * makes every "Report this problem" button appear and file tickets.
 * @alpha
 */
export const reportProblemApi = ApiBlueprint.make({
  name: 'report-problem',
  params: defineParams =>
    defineParams({
      api: reportProblemApiRef,
      deps: { supportApi: supportApiRef, configApi: configApiRef },
      factory: ({ supportApi: client, configApi }) =>
        new ReportProblemClient({ supportApi: client, configApi }),
    }),
});

/**
 * `app-root-element:support/alert-display`: the app's alerts and toasts,
 * with "Report this problem" on errors. Replaces plugin-app's
 * `app-root-element:app/alert-display`, which app-config.yaml disables.
 * @alpha
 */
export const alertDisplayElement = AppRootElementBlueprint.make({
  name: 'alert-display',
  params: { element: <AlertDisplay /> },
});

/**
 * `page:support`: My tickets (`/support`), one ticket
 * (`/support/tickets/:ticketId`) and the admin page (`/support/admin`).
 * @alpha
 */
export const supportPage = PageBlueprint.make({
  params: {
    path: '/support',
    title: 'Support',
    icon: <HelpOutlineIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/SupportPage').then(m => <m.SupportPage />),
  },
});

export default createFrontendPlugin({
  pluginId: 'support',
  title: 'Support',
  icon: <HelpOutlineIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [supportApi, reportProblemApi, alertDisplayElement, supportPage],
});
