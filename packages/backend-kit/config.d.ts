import type { HumanDuration } from '@backstage/types';

export interface Config {
  vigil?: {
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
