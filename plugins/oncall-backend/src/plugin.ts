import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createResilientFetch,
  dependencyHealthServiceRef,
  throughDependency,
} from '@vigil/backend-kit';
import {
  oncallPageCreatePermission,
  oncallPolicyManagePermission,
  oncallScheduleManagePermission,
} from '@vigil/backstage-plugin-oncall-common';
import { readOnCallConfig } from './config';
import { DatabaseOnCallStore } from './database/DatabaseOnCallStore';
import {
  policyResourceRef,
  policyRules,
  scheduleResourceRef,
  scheduleRules,
} from './permissions';
import { CALENDAR_FEED_PATH, createRouter } from './router';
import { createOnCallServices } from './service/createServices';
import {
  EscalationRunner,
  EscalationTelemetry,
  IncidentsClient,
  Pager,
} from './service/escalation';
import { OnCallDirectory } from './service/OnCallDirectory';
import { OnCallSeeder } from './service/OnCallSeeder';

/**
 * Vigil's on-call backend: schedules and escalation policies owned by
 * catalog groups, who is on call, paging with escalation that runs exactly
 * once across instances, and iCal feeds.
 *
 * @public
 */
export const oncallPlugin = createBackendPlugin({
  pluginId: 'oncall',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        metrics: metricsServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        // Pages and shift changes reach people through the notifications
        // backend: a timeout and a circuit breaker, no retries here (the
        // escalation runner pages again on its next tick).
        const notifications = throughDependency(
          deps.notifications,
          deps.dependencyHealth.dependency('notifications', {
            displayName: 'The notifications backend',
          }),
          ['send'],
        );
        const settings = readOnCallConfig(config);
        const store = await DatabaseOnCallStore.create({
          database: deps.database,
        });
        const byIds = async (ids: string[]) => {
          const found = await store.getSchedules(ids);
          return ids.map(id => found.find(s => s.id === id));
        };
        deps.permissionsRegistry.addResourceType({
          resourceRef: scheduleResourceRef,
          permissions: [oncallScheduleManagePermission],
          rules: scheduleRules,
          getResources: byIds,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: policyResourceRef,
          permissions: [oncallPolicyManagePermission],
          rules: policyRules,
          getResources: ids => Promise.all(ids.map(id => store.getPolicy(id))),
        });
        deps.permissionsRegistry.addPermissions([oncallPageCreatePermission]);

        const directory = new OnCallDirectory({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
        });
        const services = createOnCallServices({
          store,
          directory,
          discovery: deps.discovery,
          logger,
          notifications,
          signals: deps.signals,
        });
        const telemetry = new EscalationTelemetry(deps.metrics);
        const pager = new Pager({
          store,
          onCall: services.onCall,
          directory,
          notifications,
          signals: deps.signals,
          logger,
          incidents: new IncidentsClient({
            discovery: deps.discovery,
            auth: deps.auth,
            logger,
            // GETs retried; acknowledging (a POST) only timed and broken.
            fetch: createResilientFetch(
              deps.dependencyHealth.dependency('plugin:incidents', {
                displayName: 'The incidents backend',
              }),
            ),
          }),
          emailEnabled: config.has('notifications.processors.email'),
          notificationCounter: telemetry.notifications,
        });
        await new EscalationRunner({
          pager,
          logger,
          store,
          telemetry,
        }).schedule(deps.scheduler, 15);

        if (settings.seedFile) {
          await new OnCallSeeder({ store, logger }).seedFromFile(
            settings.seedFile,
          );
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
            services: { ...services, pager },
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: CALENDAR_FEED_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
