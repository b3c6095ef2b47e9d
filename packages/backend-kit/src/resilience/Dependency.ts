import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { DependencyUnavailableError } from './errors';
import { describeError } from './failures';
import type { DependencyState, ResilientDependency } from './types';

/** A dependency's options once defaults, the caller's and the configuration's are merged. */
export interface ResolvedDependencyOptions {
  displayName: string;
  timeoutMs: number;
  retries: number;
  consecutiveFailures: number;
  halfOpenAfterMs: number;
  critical: boolean;
  /** Retry backoff: decorrelated jitter from `initialDelayMs`, capped at `maxDelayMs`. */
  backoff: { initialDelayMs: number; maxDelayMs: number };
}

// An error the dependency answered with that is the caller's fault: it goes
// through the breaker as a value (a success: the dependency is up) and is
// thrown again once outside.
class Answered {
  constructor(readonly error: unknown) {}
}

const CIRCUIT: Record<CircuitState, DependencyState['breaker']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/** `42 s`, `12 min 5 s`, `3 h 20 min`: how long an outage lasted. */
export function formatOutage(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * One dependency: cockatiel's retry (idempotent calls only) around its
 * ConsecutiveBreaker circuit breaker around an aggressive timeout per
 * attempt, so every attempt counts towards the breaker and an open breaker
 * stops the retries.
 *
 * An outage starts when the breaker opens (not at the first failure: one
 * lost request is not an outage) and ends at the first success after it;
 * each logs one line.
 */
export class Dependency implements ResilientDependency {
  private readonly breakerPolicy: CircuitBreakerPolicy;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeoutPolicy: TimeoutPolicy;
  private readonly failurePredicates: Array<(error: unknown) => boolean> = [];
  private consecutiveFailures = 0;
  private streakStart?: number;
  private lastSuccessAt?: number;
  private lastFailureAt?: number;
  private lastError?: string;
  private downSince?: number;
  private critical: boolean;

  constructor(
    readonly name: string,
    private readonly options: ResolvedDependencyOptions,
    private readonly logger: LoggerService,
  ) {
    this.critical = options.critical;
    // Every error that leaves an attempt is a failure: the caller's faults
    // were turned into Answered values inside it.
    this.breakerPolicy = circuitBreaker(handleAll, {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.consecutiveFailures),
    });
    this.breakerPolicy.onBreak(() => this.outageStarted());
    this.breakerPolicy.onReset(() => this.outageEnded());
    this.retryPolicy = retry(
      handleWhen(
        error =>
          !(error instanceof BrokenCircuitError) &&
          !(error instanceof IsolatedCircuitError),
      ),
      {
        maxAttempts: options.retries,
        backoff: new ExponentialBackoff({
          initialDelay: options.backoff.initialDelayMs,
          maxDelay: options.backoff.maxDelayMs,
        }),
      },
    );
    this.retryPolicy.onRetry(({ delay, attempt }) =>
      this.logger.debug(
        `${this.options.displayName} call failed (${
          this.lastError
        }); retry ${attempt} of ${this.options.retries} in ${Math.round(
          delay,
        )} ms`,
        { dependency: this.name },
      ),
    );
    // Aggressive: the caller gets the timeout at once, even if `fn` ignores
    // the signal. The signal is not aborted on return, so a response whose
    // body is read after `fn` returned stays readable.
    this.timeoutPolicy = timeout(options.timeoutMs, {
      strategy: TimeoutStrategy.Aggressive,
      abortOnReturn: false,
    });
  }

  /** Adds a caller's `isFailure`: an error is a failure only if no caller says it is its own fault. */
  addFailurePredicate(predicate: (error: unknown) => boolean): void {
    if (!this.failurePredicates.includes(predicate)) {
      this.failurePredicates.push(predicate);
    }
  }

  /** A later caller may make a dependency critical, never the reverse. */
  markCritical(): void {
    this.critical = true;
  }

  async execute<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    options?: { idempotent?: boolean },
  ): Promise<T> {
    const once = () =>
      this.breakerPolicy.execute(() => this.runAttempt(fn)) as Promise<
        T | Answered
      >;
    let result: T | Answered;
    try {
      result =
        options?.idempotent && this.options.retries > 0
          ? await this.retryPolicy.execute(once)
          : await once();
    } catch (error) {
      throw this.translate(error);
    }
    if (result instanceof Answered) throw result.error;
    return result;
  }

  state(): DependencyState {
    let status: DependencyState['status'] = 'unknown';
    if (this.downSince !== undefined) status = 'down';
    else if (this.lastSuccessAt !== undefined) status = 'up';
    return {
      name: this.name,
      displayName: this.options.displayName,
      status,
      breaker: CIRCUIT[this.breakerPolicy.state],
      downSince: iso(this.downSince),
      lastSuccessAt: iso(this.lastSuccessAt),
      lastFailureAt: iso(this.lastFailureAt),
      lastError: this.lastError,
      consecutiveFailures: this.consecutiveFailures,
      critical: this.critical,
    };
  }

  private isFailure(error: unknown): boolean {
    if (error instanceof TaskCancelledError) return true;
    return this.failurePredicates.every(predicate => {
      try {
        return predicate(error);
      } catch {
        return true;
      }
    });
  }

  private async runAttempt<T>(
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T | Answered> {
    try {
      return await this.timeoutPolicy.execute(async (_context, signal) => {
        try {
          const value = await fn(signal);
          this.recordSuccess();
          return value;
        } catch (error) {
          if (!signal.aborted && !this.isFailure(error)) {
            this.recordSuccess();
            return new Answered(error);
          }
          throw error;
        }
      });
    } catch (error) {
      this.recordFailure(error);
      throw error;
    }
  }

  private recordSuccess() {
    this.lastSuccessAt = Date.now();
    this.consecutiveFailures = 0;
    this.streakStart = undefined;
  }

  private recordFailure(error: unknown) {
    const now = Date.now();
    this.lastFailureAt = now;
    this.streakStart ??= now;
    this.consecutiveFailures += 1;
    this.lastError =
      error instanceof TaskCancelledError
        ? `timed out after ${this.options.timeoutMs} ms`
        : describeError(error);
  }

  private outageStarted() {
    if (this.downSince !== undefined) return; // a failed half-open probe
    this.downSince = this.streakStart ?? Date.now();
    this.logger.warn(
      `${this.options.displayName} is unreachable since ${iso(
        this.downSince,
      )}: ${this.consecutiveFailures} calls in a row failed, the last with: ${
        this.lastError
      }. Calls fail fast; one is let through every ${formatOutage(
        this.options.halfOpenAfterMs,
      )} to probe it`,
      { dependency: this.name },
    );
  }

  private outageEnded() {
    if (this.downSince === undefined) return;
    const lasted = Date.now() - this.downSince;
    this.downSince = undefined;
    this.logger.info(
      `${this.options.displayName} is reachable again after ${formatOutage(
        lasted,
      )} down`,
      { dependency: this.name },
    );
  }

  private translate(error: unknown): unknown {
    if (
      error instanceof BrokenCircuitError ||
      error instanceof IsolatedCircuitError
    ) {
      return new DependencyUnavailableError(
        `${this.options.displayName} is unreachable since ${
          iso(this.downSince) ?? iso(Date.now())
        } (circuit open)`,
        this.name,
        'circuit-open',
      );
    }
    if (error instanceof TaskCancelledError) {
      return new DependencyUnavailableError(
        `${this.options.displayName} did not answer within ${this.options.timeoutMs} ms`,
        this.name,
        'timeout',
      );
    }
    return error;
  }
}
