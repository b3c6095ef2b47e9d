import { errorMessage as sharedErrorMessage } from '@vigil/frontend-kit';

/**
 * A 409 from the incidents backend: someone else changed the resource since
 * the caller read it. `current` is the stored state the server sent back, so
 * the UI can show it and let the user reapply their change on top of it.
 * @public
 */
export class IncidentsConflictError<T> extends Error {
  readonly name = 'ConflictError';
  readonly statusCode = 409;
  readonly current: T;

  constructor(message: string, current: T) {
    super(message);
    this.current = current;
  }
}

/**
 * Whether `error` is a 409 with the current state (narrowed to `T`).
 * @public
 */
export function isConflictError<T>(
  error: unknown,
): error is IncidentsConflictError<T> {
  return error instanceof IncidentsConflictError;
}

/**
 * The message worth showing to a user: the backend's explanation from a
 * `ResponseError`'s body (frontend-kit's, kept here as this plugin's API).
 * @public
 */
export function errorMessage(error: unknown): string {
  return sharedErrorMessage(error);
}
