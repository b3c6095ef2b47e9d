import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sandboxPermissions } from '@vigil/backstage-plugin-sandbox-common';
import { readSandboxConfig } from './config';
import { createRouter } from './router';
import { SandboxAdminClient } from './service/SandboxAdminClient';
import { SandboxService } from './service/SandboxService';

/**
 * Vigil's sandbox backend: the sandbox page's API over the synthetic
 * services (the sandbox service's admin API), and the one-action reset of
 * sandbox faults, incidents, postmortems and SLO history.
 *
 * @public
 */
export const sandboxPlugin = createBackendPlugin({
  pluginId: 'sandbox',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readSandboxConfig(deps.config);
        deps.permissionsRegistry.addPermissions(sandboxPermissions);
        if (!settings.adminToken) {
          deps.logger.info(
            'vigil.sandbox.adminToken is not set: the sandbox page says the sandbox is not running (./vigil start --sandbox sets it)',
          );
        }
        const sandbox = new SandboxService({
          catalog: deps.catalog,
          auth: deps.auth,
          discovery: deps.discovery,
          admin: new SandboxAdminClient(settings),
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            sandbox,
          }),
        );
      },
    });
  },
});
