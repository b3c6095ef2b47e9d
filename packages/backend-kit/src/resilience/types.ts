/** How one dependency is called: timeouts, retries and its circuit breaker. @public */
export interface DependencyOptions {
  /** The name people read in logs and on the readiness page, e.g. 'Prometheus'. Default: the name. */
  displayName?: string;
  /** Time limit of one attempt, in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls (never for the others). Default 2. */
  retries?: number;
  /** Opens after `consecutiveFailures` failed attempts; probes again `halfOpenAfterMs` later. Default 5 / 30 000. */
  breaker?: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Readiness is 503 while a critical dependency is down (the database); the others are only reported. */
  critical?: boolean;
  /**
   * Whether an error means the dependency is failing. An error that is the
   * caller's fault (a Prometheus 400 query error, a catalog 404) proves the
   * dependency answered: it is rethrown as is and counts as a success.
   * Default: everything but 4xx answers (408 and 429 excepted) and
   * Backstage's client errors (InputError, NotFoundError, ...).
   */
  isFailure?: (error: unknown) => boolean;
}

/** What the readiness endpoint reports of one dependency. @public */
export interface DependencyState {
  name: string;
  displayName: string;
  /** `unknown` until the first call answered or an outage started; `down` from the breaker opening to the first success after it. */
  status: 'up' | 'down' | 'unknown';
  breaker: 'closed' | 'open' | 'half-open';
  /** When the failures that opened the breaker began (ISO). */
  downSince?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  /** The last failure, short and with credentials redacted. */
  lastError?: string;
  consecutiveFailures: number;
  critical: boolean;
}

/** One dependency, shared by every caller of the same name. @public */
export interface ResilientDependency {
  readonly name: string;
  /**
   * Runs `fn` with a per-attempt timeout (the signal aborts when it is
   * reached) behind the dependency's circuit breaker; idempotent calls are
   * retried with jittered exponential backoff. Throws
   * DependencyUnavailableError when the breaker is open or the last attempt
   * timed out, otherwise the last attempt's own error.
   */
  execute<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    options?: { idempotent?: boolean },
  ): Promise<T>;
  state(): DependencyState;
}

/** The process-wide registry of dependencies (a root service). @public */
export interface DependencyHealthService {
  /** The same instance for a name across plugins (memoized), so one outage is one state and one log line. */
  dependency(name: string, options?: DependencyOptions): ResilientDependency;
  states(): DependencyState[];
}
