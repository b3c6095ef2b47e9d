import { ResponseError } from '@backstage/errors';

export { errorMessage } from '@vigil/frontend-kit';

/** Whether the backend answered 409: someone else changed it first. */
export function isConflict(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 409;
}
