import { ServiceUnavailableError } from '@backstage/errors';

/**
 * A dependency could not be reached: its circuit breaker is open (calls fail
 * fast until the next probe) or its last attempt timed out. A
 * ServiceUnavailableError, so Backstage's error handler answers 503.
 * @public
 */
export class DependencyUnavailableError extends ServiceUnavailableError {
  /** The dependency's name, e.g. 'prometheus'. */
  readonly dependency: string;
  /** `circuit-open`: failed fast without calling; `timeout`: the last attempt took too long. */
  readonly reason: 'circuit-open' | 'timeout';

  constructor(
    message: string,
    dependency: string,
    reason: 'circuit-open' | 'timeout',
  ) {
    // No cause: Backstage appends it to the message, which reaches clients.
    super(message);
    this.dependency = dependency;
    this.reason = reason;
  }
}
