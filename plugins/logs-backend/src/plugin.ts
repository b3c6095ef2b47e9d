import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readLogsConfig } from './config';
import { PostgresLogStore } from './database/PostgresLogStore';
import { createRouter } from './router';
import { LogsService, NO_POSTGRES_MESSAGE } from './service/LogsService';
import { maintainPartitions } from './service/PartitionMaintenance';

/**
 * Vigil's logs backend: searches and live-tails the structured log lines
 * rsyslog ships into PostgreSQL (`log_lines`, daily partitions, full-text
 * index), per catalog entity for whoever may read it; drops partitions
 * older than the retention.
 *
 * @public
 */
export const logsPlugin = createBackendPlugin({
  pluginId: 'logs',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger } = deps;
        const settings = readLogsConfig(deps.config);
        const store = await PostgresLogStore.create({
          database: deps.database,
        });
        if (!store) {
          logger.warn(`${NO_POSTGRES_MESSAGE}; the logs API answers 503`);
        } else {
          const maintain = () =>
            maintainPartitions({
              retention: store,
              retentionDays: settings.retentionDays,
              daysAhead: settings.partitionDaysAhead,
              now: Date.now(),
              logger,
            }).then(() => undefined);
          await deps.scheduler.scheduleTask({
            id: 'logs-partitions',
            frequency: { hours: 1 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 0 },
            scope: 'global',
            fn: maintain,
          });
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            logger,
            logs: new LogsService({
              store,
              catalog: deps.catalog,
              now: Date.now,
            }),
          }),
        );
      },
    });
  },
});
