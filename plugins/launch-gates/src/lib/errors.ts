import { errorMessage } from '@vigil/frontend-kit';

/**
 * What to tell a person about a failed request: the backend's own
 * explanation (who may sign, which checks block, what the field needs)
 * rather than "Request failed with 409 Conflict".
 */
export function problemOf(error: unknown): string {
  const backendMessage = (error as { backendMessage?: unknown } | undefined)
    ?.backendMessage;
  if (typeof backendMessage === 'string' && backendMessage) {
    return backendMessage;
  }
  return errorMessage(error);
}
