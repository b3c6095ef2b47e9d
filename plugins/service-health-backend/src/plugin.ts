import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { dependencyHealthServiceRef } from '@vigil/backend-kit';
import { readServiceHealthConfig } from './config';
import { createRouter } from './router';
import { HealthService } from './service/HealthService';
import { MarkerReader } from './service/MarkerReader';
import { PrometheusRangeClient } from './service/PrometheusRangeClient';

/**
 * Vigil's service health backend: an entity's golden signals, saturation
 * and service-specific series from Prometheus, with deploy and incident
 * markers, for the Health tab.
 * @public
 */
export const serviceHealthPlugin = createBackendPlugin({
  pluginId: 'service-health',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init(deps) {
        const settings = readServiceHealthConfig(deps.config);
        if (!settings.prometheusUrl) {
          deps.logger.warn(
            'vigil.prometheus.url is not set: the Health tab says Prometheus is not configured',
          );
        }
        const health = new HealthService({
          catalog: deps.catalog,
          cache: deps.cache,
          cacheTtlMs: settings.cacheTtlMs,
          prometheus: settings.prometheusUrl
            ? new PrometheusRangeClient({
                baseUrl: settings.prometheusUrl,
                // The same `prometheus` dependency as the SLO backend: one
                // breaker, one outage log line, one readiness entry.
                dependency: deps.dependencyHealth.dependency('prometheus', {
                  displayName: 'Prometheus',
                }),
              })
            : undefined,
          markers: settings.markers
            ? new MarkerReader({
                auth: deps.auth,
                discovery: deps.discovery,
                dependencyHealth: deps.dependencyHealth,
              })
            : undefined,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            logger: deps.logger,
            health,
          }),
        );
      },
    });
  },
});
