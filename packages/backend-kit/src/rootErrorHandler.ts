import type { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'crypto';
import { errorStatus, type HttpError } from './errorResponses';

// Absolute paths of files a server keeps (code, config, databases, sites).
const SERVER_PATH =
  /(?:[A-Za-z]:)?[\\/][^\s'"`()<>:]*\.(?:[cm]?[jt]sx?|json|ya?ml|node|sqlite3?|db|log|html?|css|md|txt|map|sql|sh|py|pem|key)\b/;
// SQL statements and database driver errors.
const SQL = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert\s+into\b/i,
  /\bupdate\b[\s\S]*\bset\b/i,
  /\bdelete\s+from\b/i,
  /\b(?:create|alter|drop)\s+table\b/i,
  /\bSQLITE_[A-Z]+/,
  /\bviolates\b[\s\S]*\bconstraint\b/i,
  /\bsyntax\s+error\s+at\s+or\s+near\b/i,
];
// A stack frame, or a file system error (they name the server's files).
const STACK_FRAME = /\n\s+at\s|\b(?:ENOENT|EACCES|EISDIR|ENOTDIR|EPERM):/;

/**
 * Whether a message would tell a client something about the server: a
 * stack frame, SQL, or a file path of the server (under one of `roots`, or
 * any path of a source, config or database file).
 * @public
 */
export function revealsServerDetails(
  message: string,
  roots: readonly string[] = [],
): boolean {
  return (
    STACK_FRAME.test(message) ||
    SQL.some(pattern => pattern.test(message)) ||
    SERVER_PATH.test(message) ||
    roots.some(root => root.length > 1 && message.includes(root))
  );
}

/** What `rootErrorBody` needs. @public */
export interface RootErrorBodyOptions {
  /** Where the detail goes, with the reference the body names. */
  logger: LoggerService;
  /** Directories whose paths never reach a body (the repository, home). */
  roots?: readonly string[];
  /** A request id (defaults to a random UUID). */
  reference?: () => string;
  /** The status already decided (a body a plugin sent); else the error's. */
  status?: number;
}

/** An error body in Backstage's shape, never with a stack. @public */
export interface RootErrorBody {
  error: { name: string; message: string };
  request: { method: string; url: string };
  response: { statusCode: number };
}

/**
 * The status and body of any error that reached the root router: a client
 * error (4xx) keeps its name and message unless the message would reveal
 * server details; a server error (5xx) and such a 4xx say only a generic
 * message and a request id. Never a stack, SQL or a server path; the detail
 * goes to `logger` under the same request id.
 * @public
 */
export function rootErrorBody(
  rawError: unknown,
  request: { method: string; url: string },
  options: RootErrorBodyOptions,
): { status: number; body: RootErrorBody } {
  const error = (
    rawError instanceof Error ? rawError : new Error(String(rawError))
  ) as HttpError;
  let status = options.status ?? errorStatus(error);
  // A database error is never the client's, whatever status it carries.
  if (error.constructor?.name === 'DatabaseError') status = 500;
  const message = String(error.message ?? '');
  const url = request.url.split('?')[0];
  if (status < 500 && !revealsServerDetails(message, options.roots)) {
    return {
      status,
      body: {
        error: { name: String(error.name ?? 'Error'), message },
        request: { method: request.method, url },
        response: { statusCode: status },
      },
    };
  }
  const reference = (options.reference ?? randomUUID)();
  options.logger.error(
    `${request.method} ${url} failed with status ${status} (request id ${reference})`,
    error,
  );
  return {
    status,
    body: {
      error: {
        name: 'Error',
        message:
          status < 500
            ? `The request could not be completed (request id ${reference})`
            : `An internal error occurred; the cause is in the server log (request id ${reference})`,
      },
      request: { method: request.method, url },
      response: { statusCode: status },
    },
  };
}

// What a generic message of ours (or createErrorResponder's) ends with.
const ALREADY_GENERIC = /\((?:reference|request id) [0-9a-f-]{36}\)$/;

/**
 * An error body a plugin's own error handler produced (Backstage's
 * `{ error: { name, message, stack? }, request, response }`), made safe as
 * `rootErrorBody` makes errors: no stack, no cause, no SQL, no server path;
 * returns the body unchanged when it is not an error body or already safe.
 * @public
 */
export function sanitizeErrorResponseBody(
  body: unknown,
  status: number,
  request: { method: string; url: string },
  options: RootErrorBodyOptions,
): unknown {
  const error = (body as { error?: unknown } | null)?.error;
  if (status < 400 || !error || typeof error !== 'object') return body;
  const { name, message, stack, ...rest } = error as Record<string, unknown>;
  const text = typeof message === 'string' ? message : '';
  const extra = Object.keys(rest).length > 0 || stack !== undefined;
  if (!extra && (ALREADY_GENERIC.test(text) || status < 500)) {
    if (!revealsServerDetails(text, options.roots)) return body;
  }
  const rebuilt = Object.assign(new Error(text), {
    name: typeof name === 'string' ? name : 'Error',
    ...rest,
  });
  rebuilt.stack = typeof stack === 'string' ? stack : undefined;
  return rootErrorBody(rebuilt, request, { ...options, status }).body;
}
