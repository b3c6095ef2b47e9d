import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { supportPermissions } from '@vigil/backstage-plugin-support-common';
import { readSupportConfig } from './config';
import { DatabaseSupportStore } from './database/DatabaseSupportStore';
import { createRouter } from './router';
import { SupportNotifier } from './service/SupportNotifier';
import { SupportService } from './service/SupportService';

/**
 * Vigil's feedback and support backend: feedback and support tickets in the
 * plugin's database, the portal admins notified of each, and the reporter
 * of their ticket's status.
 *
 * @public
 */
export const supportPlugin = createBackendPlugin({
  pluginId: 'support',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger } = deps;
        const config = readSupportConfig(deps.config);
        const store = await DatabaseSupportStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(supportPermissions);
        const service = new SupportService({
          store,
          permissions: deps.permissions,
          notifier: new SupportNotifier({
            notifications: deps.notifications,
            config,
            logger,
          }),
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger,
            service,
          }),
        );
      },
    });
  },
});
