import type { HumanDuration } from '@backstage/types';

export interface Config {
  vigil?: {
    /** The backend's logs beside the console (README: Logs). */
    logging?: {
      /**
       * A rotating JSON log file (one object per line: level, message,
       * timestamp, service, request_id, trace_id, span_id, the Backstage
       * fields) that the log shipper (ops/rsyslog) sends to the logs store.
       * Unset path: console only.
       */
      file?: {
        /**
         * `<name>.<extension>`; written as `<name>.<n>.<extension>`, n
         * growing as it rotates. `{port}` is the listen port (replicas on
         * one host). Relative to the backend's working directory.
         */
        path?: string;
        /** Rotate at this size: 10m (default), 500k, 1g. */
        maxSize?: string;
        /** Rotate at least this often: daily (default), hourly or milliseconds. */
        frequency?: string | number;
        /** Rotated files kept besides the current one (default 7); older ones are deleted. */
        maxFiles?: number;
        /** The `service` of the lines in the logs store (default vigil). */
        service?: string;
      };
    };
    /**
     * Timeouts, retries and circuit breakers of the backends' dependencies
     * (see @vigil/backend-kit's resilience). Keys are dependency names with
     * every run of other characters than letters and digits turned into `-`:
     * `prometheus`, `catalog`, `database`, `notifications`,
     * `plugin-incidents`, `plugin-oncall`, ... Unset values keep the
     * caller's defaults (10 s timeout, 2 retries, breaker opening after 5
     * consecutive failures and probing again 30 s later).
     */
    dependencies?: {
      [name: string]: {
        /** Time limit of one attempt: milliseconds, a HumanDuration, an ISO 8601 duration (PT5S) or 5s/500ms. */
        timeout?: number | HumanDuration | string;
        /** Extra attempts of idempotent calls, with jittered exponential backoff. */
        retries?: number;
        breaker?: {
          /** Failed attempts in a row that open the breaker (calls then fail fast). */
          consecutiveFailures?: number;
          /** How long the breaker stays open before one call probes the dependency again. */
          halfOpenAfter?: number | HumanDuration | string;
        };
      };
    };
  };
}
