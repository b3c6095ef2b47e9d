import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  dependencyHealthServiceRef,
  ReadableEntitiesCache,
} from '@vigil/backend-kit';
import { readSloBackendConfig } from './config';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { sloPermissions } from './permissions';
import { createRouter } from './router';
import {
  PrometheusClient,
  prometheusDependency,
} from './service/PrometheusClient';
import {
  EvaluationTelemetry,
  runEvaluationCycle,
} from './service/EvaluationCycle';
import { SloEvaluator } from './service/SloEvaluator';
import { SloService } from './service/SloService';
import { SpecRefresher } from './service/SpecRefresher';

/**
 * Vigil's SLO backend: reads SLO specs from catalog entities, evaluates them
 * from Prometheus on a schedule, keeps their history and serves them.
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const settings = readSloBackendConfig(config);
        const store = await DatabaseSloStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(sloPermissions);

        const refresher = new SpecRefresher({
          catalog: deps.catalog,
          auth: deps.auth,
          urlReader: deps.urlReader,
          integrations: ScmIntegrations.fromConfig(config),
          store,
          logger,
          defaultPeriod: settings.defaultPeriod,
        });
        await scheduler.scheduleTask({
          id: 'slo-spec-refresh',
          scope: 'global',
          frequency: settings.specRefresh.frequency,
          timeout: settings.specRefresh.timeout,
          initialDelay: { seconds: 10 },
          fn: async () => {
            await refresher.refresh();
          },
        });

        if (settings.prometheusUrl) {
          const evaluator = new SloEvaluator({
            store,
            client: new PrometheusClient({
              baseUrl: settings.prometheusUrl,
              dependency: prometheusDependency(deps.dependencyHealth, {
                timeoutMs: settings.evaluation.queryTimeoutMs,
              }),
            }),
            cache: deps.cache,
            logger,
            thresholds: {
              warningBudgetRemaining: settings.warningBudgetRemaining,
            },
            maxQueryLength: settings.evaluation.maxQueryLength,
            historyIntervalMs: settings.evaluation.historyIntervalMs,
            signals: deps.signals,
          });
          const telemetry = new EvaluationTelemetry(deps.metrics);
          await scheduler.scheduleTask({
            id: 'slo-evaluate',
            scope: 'global',
            frequency: settings.evaluation.frequency,
            timeout: settings.evaluation.timeout,
            initialDelay: { seconds: 20 },
            fn: async () => {
              await runEvaluationCycle({
                evaluate: () => evaluator.evaluate(),
                telemetry,
                logger,
              });
            },
          });
        } else {
          logger.warn(
            'vigil.prometheus.url is not set: SLOs are read but not evaluated',
          );
        }

        const sloService = new SloService({
          store,
          catalog: deps.catalog,
          cache: deps.cache,
          readable: new ReadableEntitiesCache({
            auth: deps.auth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            entityRefs: () => store.listEntityRefs(),
          }),
          // Three missed evaluations: Prometheus is down or evaluation stuck.
          staleAfterMs:
            3 * durationToMilliseconds(settings.evaluation.frequency),
          evaluationEnabled: Boolean(settings.prometheusUrl),
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            sloService,
            refresher,
            logger,
          }),
        );
      },
    });
  },
});
