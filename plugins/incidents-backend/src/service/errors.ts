import { ConflictError } from '@backstage/errors';

/** A stale write: the HTTP layer answers 409 with `current`. */
export class VersionConflictError<T> extends ConflictError {
  constructor(message: string, readonly current: T) {
    super(message);
  }
}
