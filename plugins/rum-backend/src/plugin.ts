import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { rumPermissions } from '@vigil/backstage-plugin-rum-common';
import { readRumBackendConfig } from './config';
import { DatabaseRumStore } from './database/DatabaseRumStore';
import { createCollectorGuards, createRouter } from './router';
import { CollectorService } from './service/CollectorService';
import { RumReadService } from './service/RumReadService';
import { RumTelemetry } from './service/RumTelemetry';
import { SourceMapResolver } from './service/SourceMapResolver';

const DAY_MS = 86_400_000;

/**
 * Vigil's real-user monitoring backend: a Grafana Faro collector at
 * `/api/rum/collect` (web vitals into Prometheus histograms by route,
 * exceptions grouped by fingerprint with source-mapped stacks, sessions and
 * page loads), the Errors page's API for portal admins and the portal's
 * usage.
 *
 * @public
 */
export const rumPlugin = createBackendPlugin({
  pluginId: 'rum',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const { logger } = deps;
        const settings = readRumBackendConfig(deps.config);
        const store = await DatabaseRumStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(rumPermissions);
        const telemetry = new RumTelemetry(deps.metrics);
        if (!settings.sourceMapsDirectory) {
          logger.info(
            'rum.sourceMaps.directory is not set: JavaScript stacks are stored as browsers send them',
          );
        }
        const collector = new CollectorService({
          store,
          telemetry,
          sourceMaps: new SourceMapResolver({
            directory: settings.sourceMapsDirectory,
            logger,
          }),
          now: Date.now,
        });
        const reader = new RumReadService({
          store,
          permissions: deps.permissions,
          now: Date.now,
        });

        await deps.scheduler.scheduleTask({
          id: 'rum-prune',
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: () => store.prune(Date.now() - settings.retentionDays * DAY_MS),
        });

        // Browsers' Faro sends no Backstage token: only the collector is open.
        deps.httpRouter.addAuthPolicy({
          path: '/collect',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          createCollectorGuards({ logger, settings, telemetry }),
        );
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            logger,
            settings,
            collector,
            reader,
            telemetry,
          }),
        );
      },
    });
  },
});
