/*
 * Readiness as a metric: Prometheus cannot read the readiness endpoint's
 * JSON, so the states it lists (backend-kit's dependency health) are also
 * served as `vigil_dependency_up{dependency,critical}` for the
 * VigilBackendNotReady alert (ops/prometheus/rules/vigil.yml). The
 * dependency names are the fixed set Vigil's plugins register: bounded.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  metricsServiceRef,
  type MetricsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  dependencyHealthServiceRef,
  type DependencyHealthService,
} from '@vigil/backend-kit';

/** Registers the gauge: 1 up, 0 down; a dependency not called yet is left out. */
export function registerDependencyMetrics(
  metrics: MetricsService,
  dependencyHealth: Pick<DependencyHealthService, 'states'>,
): void {
  metrics
    .createObservableGauge<{ dependency: string; critical: string }>(
      'vigil_dependency_up',
      {
        description:
          'Whether a dependency the backend calls answers (1) or its circuit breaker is open (0); critical ones make readiness fail',
      },
    )
    .addCallback(result => {
      for (const state of dependencyHealth.states()) {
        if (state.status === 'unknown') continue;
        result.observe(state.status === 'up' ? 1 : 0, {
          dependency: state.name,
          critical: String(state.critical),
        });
      }
    });
}

/** On the catalog plugin, like the database readiness probe (rootHealth.ts). */
export const dependencyMetricsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'vigil-dependency-metrics',
  register(env) {
    env.registerInit({
      deps: {
        metrics: metricsServiceRef,
        dependencyHealth: dependencyHealthServiceRef,
      },
      async init({ metrics, dependencyHealth }) {
        registerDependencyMetrics(metrics, dependencyHealth);
      },
    });
  },
});
