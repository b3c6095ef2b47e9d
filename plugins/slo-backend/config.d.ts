import type { HumanDuration } from '@backstage/types';

export interface Config {
  vigil?: {
    /** Settings of the SLO backend (plugin id `slo`). Prometheus is `vigil.prometheus.url`. */
    slo?: {
      /**
       * SLO period for entities that do not set `vigil.dev/slo-period` and
       * specs without their own time window, as a Prometheus duration.
       * Default "30d".
       */
      defaultPeriod?: string;
      specRefresh?: {
        /** How often specs are re-read from the catalog. Default 5 minutes. */
        frequency?: HumanDuration | string;
        /** Longest a refresh may run. Default 5 minutes. */
        timeout?: HumanDuration | string;
      };
      evaluation?: {
        /**
         * How often SLOs are evaluated from Prometheus. Default 15 seconds,
         * so the portal shows a firing page alert as "breaching" within
         * about 15 seconds (plus a cycle, well under a second for a few
         * SLOs); each cycle is broadcast on the `vigil-slo` signal channel.
         */
        frequency?: HumanDuration | string;
        /** Longest an evaluation run may take. Default 5 minutes. */
        timeout?: HumanDuration | string;
        /**
         * Timeout of each Prometheus query attempt. Default 30 seconds;
         * `vigil.dependencies.prometheus.timeout` overrides it.
         */
        queryTimeout?: HumanDuration | string;
        /**
         * Longest batched PromQL query in characters; SLOs beyond it go to
         * further queries for the same window. Default 200000: queries go
         * as POST bodies, so a few hundred SLOs share one round trip and a
         * cycle's cost grows with windows, not SLOs.
         */
        maxQueryLength?: number;
        /**
         * @deprecated Ignored: while Prometheus is down the circuit breaker
         * of `vigil.dependencies.prometheus` decides when it is tried again.
         */
        backoffInitial?: HumanDuration | string;
        /** @deprecated Ignored, as `backoffInitial`. */
        backoffMax?: HumanDuration | string;
        /**
         * Least time between two history rows of an SLO; a change of status
         * or firing alerts is always recorded. Default 1 minute.
         */
        historyInterval?: HumanDuration | string;
      };
      /**
       * Budget remaining (share, 0..1) under which an SLO is a warning even
       * without a ticket alert. Default 0.25.
       */
      warningBudgetRemaining?: number;
    };
  };
}
