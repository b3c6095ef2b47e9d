/**
 * What a failed response said: its status, its JSON body (undefined when it
 * was not JSON), the backend's `error.message` and the `x-request-id` it
 * echoed, with the message Vigil's clients throw.
 * @public
 */
export interface FailedResponse {
  statusCode: number;
  statusText: string;
  /** The parsed JSON body; undefined when empty or not JSON. */
  body: unknown;
  /** The body as text ('' when empty or unreadable). */
  text: string;
  /** The backend's `error.message`, when it sent a non-empty one. */
  backendMessage?: string;
  /** The backend's `x-request-id` (goes into "Report this problem"). */
  requestId?: string;
  /**
   * "Request failed with 404 Not Found: No ticket t1", or without the
   * explanation when the backend gave none.
   */
  message: string;
}

/**
 * Reads a failed response once: its body as JSON if it is JSON (a proxy's
 * HTML page is kept out of the message), the backend's `error.message` and
 * the request id.
 * @public
 */
export async function readFailedResponse(
  response: Response,
): Promise<FailedResponse> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const detail = (body as { error?: { message?: unknown } } | undefined)?.error
    ?.message;
  const backendMessage =
    typeof detail === 'string' && detail ? detail : undefined;
  const status = `${response.status}${
    response.statusText ? ` ${response.statusText}` : ''
  }`;
  return {
    statusCode: response.status,
    statusText: response.statusText,
    body,
    text,
    backendMessage,
    requestId: response.headers?.get('x-request-id') ?? undefined,
    message: backendMessage
      ? `Request failed with ${status}: ${backendMessage}`
      : `Request failed with ${status}`,
  };
}

/**
 * A failed request to a Vigil backend: the status, the backend's body and
 * the request id it echoed. Each plugin's client throws its own subclass
 * (e.g. `SupportApiError`), which inherits `fromResponse`:
 * `SupportApiError.fromResponse(response)` builds a `SupportApiError`.
 * Not named `ResponseError`: Backstage's error panel would then expect that
 * class's `cause` and full body.
 * @public
 */
export class HttpApiError extends Error {
  readonly name: string = 'HttpApiError';

  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
    /** The backend's `x-request-id` (goes into "Report this problem"). */
    readonly requestId?: string,
  ) {
    super(message);
  }

  /**
   * The error for a failed response, of the class it is called on.
   */
  static async fromResponse<E extends HttpApiError>(
    this: new (
      message: string,
      statusCode: number,
      body: unknown,
      requestId?: string,
    ) => E,
    response: Response,
  ): Promise<E> {
    const failed = await readFailedResponse(response);
    return new this(
      failed.message,
      failed.statusCode,
      failed.body,
      failed.requestId,
    );
  }
}
