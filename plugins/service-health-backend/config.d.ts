import { HumanDuration } from '@backstage/types';

export interface Config {
  vigil?: {
    /**
     * Settings of the service health backend (plugin id `service-health`).
     * Prometheus is `vigil.prometheus.url`, as for the SLO backend; its
     * timeouts, retries and circuit breaker are `vigil.dependencies.prometheus`.
     */
    serviceHealth?: {
      /**
       * How long an answer (per entity and range) is reused. Default 20
       * seconds: a tab left open, or many people on the same service, ask
       * Prometheus once per period.
       */
      cacheTtl?: HumanDuration | string;
      /**
       * Whether deploy and incident markers are read from the deployments
       * and incidents backends. Default true.
       */
      markers?: boolean;
    };
  };
}
