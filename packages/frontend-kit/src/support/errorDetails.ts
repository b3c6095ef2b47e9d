import { errorMessage } from '../responseError';

/**
 * What a report carries of an error.
 * @public
 */
export interface ErrorDetails {
  message: string;
  requestId?: string;
  statusCode?: number;
}

const REQUEST_ID = 'x-request-id';

type HeadersLike = { get(name: string): string | null };
const isHeaders = (value: unknown): value is HeadersLike =>
  typeof (value as HeadersLike | undefined)?.get === 'function';

/**
 * The message, request id and status of an error, as far as it carries
 * them: a `requestId` of its own (Vigil's API errors), or the `x-request-id`
 * header of its response (`ResponseError`s keep the response), and a
 * `statusCode` or `status`.
 * @public
 */
export function errorDetails(error: unknown): ErrorDetails {
  const e = (error ?? {}) as {
    requestId?: unknown;
    statusCode?: unknown;
    status?: unknown;
    response?: { headers?: unknown; status?: unknown };
  };
  let requestId: string | undefined;
  if (typeof e.requestId === 'string' && e.requestId) requestId = e.requestId;
  else if (isHeaders(e.response?.headers)) {
    requestId = e.response!.headers.get(REQUEST_ID) ?? undefined;
  }
  const status = [e.statusCode, e.status, e.response?.status].find(
    (value): value is number =>
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 100 &&
      value <= 599,
  );
  return {
    message: errorMessage(error).slice(0, 2000),
    ...(requestId && { requestId: requestId.slice(0, 200) }),
    ...(status !== undefined && { statusCode: status }),
  };
}
