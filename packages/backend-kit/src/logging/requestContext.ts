import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * What ties a request's log lines together and to its trace: the request id
 * (the caller's `x-request-id` when well-formed, else new) and W3C trace
 * context (the caller's `traceparent` trace, or a new one; a new span).
 * @public
 */
export interface LogRequestContext {
  requestId: string;
  traceId: string;
  spanId: string;
}

const storage = new AsyncLocalStorage<LogRequestContext>();
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// W3C traceparent: version-traceid-parentid-flags in lower-case hex.
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZEROS = /^0+$/;

/** The context of a request with these headers (new ids where unusable). @public */
export function logRequestContextFrom(headers: {
  requestId?: string;
  traceparent?: string;
}): LogRequestContext {
  const requestId = headers.requestId?.trim();
  const [version, parentTrace, parentSpan] = (
    headers.traceparent?.trim() ?? ''
  ).split('-');
  const usable =
    /^[0-9a-f]{2}$/.test(version) &&
    version !== 'ff' &&
    TRACE_ID.test(parentTrace ?? '') &&
    SPAN_ID.test(parentSpan ?? '') &&
    !ALL_ZEROS.test(parentTrace) &&
    !ALL_ZEROS.test(parentSpan);
  const traceId = usable ? parentTrace : randomBytes(16).toString('hex');
  return {
    requestId:
      requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    traceId,
    spanId: randomBytes(8).toString('hex'),
  };
}

/** The context of the request being handled, if any. @public */
export function currentLogRequestContext(): LogRequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with `context` as the current request's. @public */
export function runWithLogRequestContext<T>(
  context: LogRequestContext,
  fn: () => T,
): T {
  return storage.run(context, fn);
}

/** The parts of an express request and response the middleware uses. @public */
export interface LogRequestContextMiddlewareTypes {
  req: { get(name: string): string | undefined };
  res: { setHeader(name: string, value: string): unknown };
}

/**
 * Express middleware (first in the root router): gives each request its
 * context, echoes the request id in `x-request-id`, and runs the rest of the
 * request inside it so the JSON log file stamps its lines with
 * request_id/trace_id/span_id.
 * @public
 */
export function logRequestContextMiddleware(): (
  req: LogRequestContextMiddlewareTypes['req'],
  res: LogRequestContextMiddlewareTypes['res'],
  next: () => void,
) => void {
  return (req, res, next) => {
    const context = logRequestContextFrom({
      requestId: req.get('x-request-id'),
      traceparent: req.get('traceparent'),
    });
    res.setHeader('x-request-id', context.requestId);
    storage.run(context, next);
  };
}
