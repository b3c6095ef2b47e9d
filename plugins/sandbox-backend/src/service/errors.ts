import { SANDBOX_START_COMMAND } from '@vigil/backstage-plugin-sandbox-common';

/**
 * The sandbox service cannot be used (not running, not configured, or its
 * admin API refuses the token): a 503 whose message says what to do. The
 * `dependency` field keeps the message in the answer (backend-kit's error
 * responder hides the messages of other 5xx).
 */
export class SandboxUnavailableError extends Error {
  readonly name = 'ServiceUnavailableError';
  readonly statusCode = 503;
  readonly dependency = 'sandbox-service';
}

/** Why the sandbox is not usable, in words for the page. */
export function notRunningMessage(reason: string): string {
  return `The sandbox is not running (${reason}). Start the portal with \`${SANDBOX_START_COMMAND}\` to add it.`;
}

/** A backend the reset calls (incidents, SLO) failed: 502 with its words. */
export class UpstreamError extends Error {
  readonly name = 'UpstreamError';
}
