import { ResponseError } from '@backstage/errors';

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
 * The message worth showing to a user. A `ResponseError`'s own message is
 * "Request failed with 400 Bad Request"; the backend's explanation (e.g.
 * "an incident can be closed only once its postmortem is published") is in
 * its body.
 * @public
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    const backendMessage = error.body?.error?.message;
    if (backendMessage) return backendMessage;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
