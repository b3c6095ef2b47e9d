import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import {
  clarifyValidationMessage,
  type OpenApiMessageOperation,
} from './openApiMessages';

// Statuses of @backstage/errors' errors, by name.
const ERROR_STATUS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  // A dependency that is down (DependencyUnavailableError among others).
  ServiceUnavailableError: 503,
};

/**
 * An error as routes and middleware throw it: body-parser's carry a `type`
 * and a `status`, others a `statusCode`.
 * @public
 */
export type HttpError = Error & {
  type?: string;
  status?: unknown;
  statusCode?: unknown;
};

/**
 * The HTTP status of an error: its own 4xx or 5xx (`statusCode`, then
 * `status`), else that of the `\@backstage/errors` error of its name, else
 * 500.
 * @public
 */
export function errorStatus(error: {
  name?: string;
  status?: unknown;
  statusCode?: unknown;
}): number {
  for (const value of [error?.statusCode, error?.status]) {
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 400 &&
      value < 600
    ) {
      return value;
    }
  }
  return ERROR_STATUS[error?.name ?? ''] ?? 500;
}

/** What an error response reads of the request (an express request). @public */
export interface ErrorResponseRequest {
  method: string;
  originalUrl: string;
  body?: unknown;
  /** Set by the OpenAPI validator: the operation the request matched. */
  openapi?: { schema?: object };
}

/** What an error response writes (an express response). @public */
export interface ErrorResponseResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): unknown };
}

/** What `createErrorResponder` needs. @public */
export interface ErrorResponderOptions {
  /** Named in a 500's message: `The <serviceName> could not complete ...`. */
  serviceName: string;
  /** Where unexpected errors go, with their SQL and stack. */
  logger: LoggerService;
  /** The plugin's OpenAPI document, to word the validator's 400s. */
  spec: unknown;
}

/** Answers a router's errors (`createErrorResponder`). @public */
export interface ErrorResponder {
  /** Answers the error (for middleware that handles its own errors). */
  send(
    error: HttpError,
    req: ErrorResponseRequest,
    res: ErrorResponseResponse,
  ): void;
  /** The router's last middleware: answers every error not yet answered. */
  middleware(
    error: HttpError,
    req: ErrorResponseRequest,
    res: ErrorResponseResponse,
    next: (error?: unknown) => void,
  ): void;
}

/**
 * Answers every error in Backstage's error body shape: the client's mistakes
 * (4xx) with their message, the validator's in the API's words; malformed or
 * too large JSON bodies as a 400 or 413; anything else (a database error, a
 * bug) as a generic 500 whose details, SQL and stack included, go to the log
 * only, under a reference the body names.
 * @public
 */
export function createErrorResponder(
  options: ErrorResponderOptions,
): ErrorResponder {
  const { serviceName, logger, spec } = options;
  const send: ErrorResponder['send'] = (error, req, res) => {
    let status = errorStatus(error);
    let name = error?.name ?? 'Error';
    let message = String(error?.message ?? error);
    if (error?.type === 'entity.parse.failed') {
      status = 400;
      name = InputError.name;
      message = `Request body is not valid JSON: ${message}`;
    } else if (error?.type === 'entity.too.large') {
      status = 413;
      name = InputError.name;
      message = `Request body is too large: ${message}`;
    } else if (status === 400) {
      name = InputError.name;
      message = clarifyValidationMessage(
        message,
        req.openapi?.schema as OpenApiMessageOperation | undefined,
        spec,
        req.body,
      );
    } else if (
      status === 503 &&
      typeof (error as { dependency?: unknown })?.dependency === 'string'
    ) {
      // A dependency is down (DependencyUnavailableError): its message says
      // which and since when, and the outage is logged once when it starts,
      // not once per request here.
    } else if (status >= 500) {
      const reference = randomUUID();
      logger.error(
        `${req.method} ${req.originalUrl} failed (reference ${reference}): ${message}`,
        error,
      );
      name = 'Error';
      message = `The ${serviceName} could not complete the request; the cause is in its log (reference ${reference})`;
    }
    res.status(status).json({
      error: { name, message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: status },
    });
  };
  return {
    send,
    middleware(error, req, res, next) {
      if (res.headersSent) {
        next(error);
        return;
      }
      send(error, req, res);
    },
  };
}
