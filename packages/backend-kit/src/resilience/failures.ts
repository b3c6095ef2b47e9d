import { isError } from '@backstage/errors';
import { sanitizeLogString } from '../logSanitizer';

// Backstage's errors that mean "the caller asked wrongly", not "the
// dependency is failing" (ResponseError carries its status instead).
const CLIENT_ERROR_NAMES = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
]);

function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as {
    statusCode?: unknown;
    status?: unknown;
    response?: { status?: unknown };
  };
  for (const value of [e.statusCode, e.status, e.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/**
 * The default `isFailure`: an answer of the dependency that is the caller's
 * fault (a 4xx other than 408 and 429, or one of Backstage's client errors)
 * proves it is up; anything else (connection refused, reset, 5xx, timeout)
 * is a failure.
 * @public
 */
export function isDependencyFailure(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return status === 408 || status === 429;
  }
  if (isError(error) && CLIENT_ERROR_NAMES.has(error.name)) return false;
  return true;
}

// URL credentials (https://user:password@host) are not in redactTokens'
// patterns.
const URL_CREDENTIALS = /\/\/[^/\s:@]+:[^/\s@]+@/g;

/** An error as the readiness page and the log lines show it: one short line, no credentials. */
export function describeError(error: unknown): string {
  let text: string;
  if (isError(error)) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: unknown }).cause;
    // fetch's "fetch failed" says nothing; its cause (ECONNREFUSED ...) does.
    const causeText =
      error.message === 'fetch failed' && isError(cause)
        ? `: ${cause.message}`
        : '';
    text = `${error.message}${causeText}${
      typeof code === 'string' && !error.message.includes(code)
        ? ` (${code})`
        : ''
    }`;
  } else {
    text = String(error);
  }
  return sanitizeLogString(
    text.replace(URL_CREDENTIALS, '//[REDACTED]@'),
    [],
    200,
  );
}
