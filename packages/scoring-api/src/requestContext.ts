import { randomBytes, randomUUID } from 'node:crypto';

/** What ties a request's log lines together and to its trace. */
export interface RequestContext {
  /** The caller's `x-request-id` when well-formed, else a new UUID. */
  requestId: string;
  /** W3C trace context: the caller's trace, or a new one. */
  traceId: string;
  /** This service's span for the request (new for every request). */
  spanId: string;
  /** The caller's span, when a valid `traceparent` came in. */
  parentSpanId?: string;
  /** Trace flags (`01` sampled), as received or `01` for a new trace. */
  traceFlags: string;
}

// Letters, digits and a few separators, so an id can neither forge a log
// line nor carry markup; long enough for UUIDs and the usual proxy formats.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// version-traceid-parentid-flags, lower-case hex (W3C Trace Context); a
// later version may append fields after another '-'.
const VERSION = /^[0-9a-f]{2}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const FLAGS = /^[0-9a-f]{2}$/;
const ALL_ZEROS = /^0+$/;

/** The incoming request id if well-formed, else undefined. */
export function acceptRequestId(
  header: string | undefined,
): string | undefined {
  const value = header?.trim();
  return value && REQUEST_ID.test(value) ? value : undefined;
}

/**
 * The parts of a `traceparent` header, or undefined when it is not a valid
 * one (bad format, version ff, an all-zero trace or parent id; a version 00
 * header with extra fields).
 */
export function parseTraceparent(
  header: string | undefined,
): { traceId: string; parentSpanId: string; traceFlags: string } | undefined {
  const [version, traceId, parentSpanId, traceFlags, ...rest] = (
    header?.trim() ?? ''
  ).split('-');
  if (
    !VERSION.test(version) ||
    !TRACE_ID.test(traceId ?? '') ||
    !SPAN_ID.test(parentSpanId ?? '') ||
    !FLAGS.test(traceFlags ?? '')
  ) {
    return undefined;
  }
  if (version === 'ff' || (version === '00' && rest.length > 0)) {
    return undefined;
  }
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentSpanId)) return undefined;
  return { traceId, parentSpanId, traceFlags };
}

/** A request's context from its headers (new ids where none are usable). */
export function requestContextFrom(headers: {
  requestId?: string;
  traceparent?: string;
}): RequestContext {
  const parent = parseTraceparent(headers.traceparent);
  return {
    requestId: acceptRequestId(headers.requestId) ?? randomUUID(),
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    parentSpanId: parent?.parentSpanId,
    traceFlags: parent?.traceFlags ?? '01',
  };
}

/** The `traceparent` a downstream call from this request would send. */
export function traceparentOf(context: RequestContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.traceFlags}`;
}
