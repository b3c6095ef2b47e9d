/**
 * The sandbox plugin for Backstage's new frontend system: the `/sandbox`
 * page (nav item "Sandbox") where a new user injects faults into the
 * synthetic sandbox services and resets the sandbox, and the "Sandbox"
 * banner on the sandbox entities' overview.
 *
 * @packageDocumentation
 */
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import BuildIcon from '@material-ui/icons/Build';
import {
  isSandboxEntity,
  SandboxClient,
} from '@vigil/backstage-plugin-sandbox-common';
import { sandboxApiRef } from './api/SandboxApi';
import { sandboxRouteRef } from './lib/routes';

/**
 * `api:sandbox`: the HTTP client of the sandbox backend.
 * @alpha
 */
export const sandboxApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sandboxApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SandboxClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:sandbox`: the sandbox, at `/sandbox` (nav item "Sandbox").
 * @alpha
 */
export const sandboxPage = PageBlueprint.make({
  params: {
    path: '/sandbox',
    title: 'Sandbox',
    icon: <BuildIcon fontSize="inherit" />,
    routeRef: sandboxRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/SandboxPage').then(m => <m.SandboxPage />),
  },
});

/**
 * `entity-card:sandbox/banner`: the "Sandbox" banner at the top of every
 * sandbox entity's overview (namespace sandbox).
 * @alpha
 */
export const sandboxEntityBanner = EntityCardBlueprint.make({
  name: 'banner',
  params: {
    type: 'info',
    filter: isSandboxEntity,
    loader: () =>
      import('./components/SandboxEntityCard').then(m => (
        <m.SandboxEntityCard />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'sandbox',
  title: 'Sandbox',
  icon: <BuildIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: sandboxRouteRef },
  extensions: [sandboxApi, sandboxPage, sandboxEntityBanner],
});
