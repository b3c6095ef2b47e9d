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
  ReadableEntitiesCache,
  throughDependency,
} from '@vigil/backend-kit';
import { incidentsPermissions } from '@vigil/backstage-plugin-incidents-common';
import { readIncidentsConfig } from './config';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { PENDING_RESOLUTION_TTL_MS } from './database/operations/alerts/prunePendingResolutions';
import { incidentResourceRef, incidentRules } from './permissions';
import { WEBHOOK_PATH, createRouter } from './router';
import { createIncidentsServices } from './service/createServices';
import { EntityDirectory } from './service/EntityDirectory';
import { IncidentsTelemetry } from './service/IncidentsTelemetry';
import { OnCallPaging } from './service/OnCallPaging';

/**
 * Vigil's incidents backend: incidents, timelines, postmortems and action
 * items in the plugin's database; Alertmanager intake; notifications and
 * signals on declare; incident metrics for the portal and Prometheus.
 */
export const incidentsPlugin = createBackendPlugin({
  pluginId: 'incidents',
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        metrics: metricsServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init(deps) {
        const { logger } = deps;
        // Notifications and paging through their dependencies: a timeout and
        // a circuit breaker, no retries (neither call is idempotent).
        const notifications = throughDependency(
          deps.notifications,
          deps.dependencyHealth.dependency('notifications', {
            displayName: 'The notifications backend',
          }),
          ['send'],
        );
        const oncallFetch = createResilientFetch(
          deps.dependencyHealth.dependency('plugin:oncall', {
            displayName: 'The on-call backend',
          }),
        );
        const config = readIncidentsConfig(deps.config);
        const store = await DatabaseIncidentStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: incidentResourceRef,
          permissions: incidentsPermissions,
          rules: incidentRules,
          getResources: async ids =>
            Promise.all(ids.map(id => store.getIncident(id))),
        });

        const directory = new EntityDirectory({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        const telemetry = new IncidentsTelemetry({
          metrics: deps.metrics,
          store,
          logger,
        });
        // Local scope: every instance serves its own gauges from its own snapshot.
        await deps.scheduler.scheduleTask({
          id: 'incidents-metrics-snapshot',
          scope: 'local',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 5 },
          fn: () => telemetry.refresh(),
        });
        // Resolutions that came before their firing wait a day for it.
        await deps.scheduler.scheduleTask({
          id: 'incidents-prune-pending-resolutions',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const pruned = await store.prunePendingResolutions(
              Date.now() - PENDING_RESOLUTION_TTL_MS,
            );
            if (pruned > 0) {
              logger.info(
                `Forgot ${pruned} Alertmanager resolution(s) whose firing never came`,
              );
            }
          },
        });
        if (!config.alertmanager.webhookToken) {
          logger.info(
            'vigil.incidents.alertmanager.webhookToken is not set: the Alertmanager webhook accepts Backstage service credentials only',
          );
        }

        const service = createIncidentsServices({
          store,
          directory,
          config,
          logger,
          notifications,
          signals: deps.signals,
          telemetry,
          ...(config.pageOnCall && {
            paging: new OnCallPaging({
              auth: deps.auth,
              discovery: deps.discovery,
              logger,
              store,
              fetch: oncallFetch,
            }),
          }),
        });
        deps.httpRouter.use(
          await createRouter({
            auth: deps.auth,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            userInfo: deps.userInfo,
            logger,
            service,
            directory,
            visibility: new ReadableEntitiesCache({
              auth: deps.auth,
              permissions: deps.permissions,
              catalog: deps.catalog,
              entityRefs: () => store.incidentEntityRefs(),
            }),
            config,
            telemetry,
          }),
        );
        // Alertmanager holds no Backstage token; the route checks the shared one.
        deps.httpRouter.addAuthPolicy({
          path: WEBHOOK_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
