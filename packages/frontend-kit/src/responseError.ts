import { ResponseError } from '@backstage/errors';

function withRequestId(response: Response): Record<string, string> {
  const requestId = response.headers?.get?.('x-request-id');
  return requestId ? { 'x-request-id': requestId } : {};
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `ResponseError` of a failed response, keeping the backend's message.
 * `ResponseError.fromResponse` takes the message only from a complete
 * Backstage error body (`{error, request, response}`); the OpenAPI request
 * validator and some middleware answer a bare `{error: {name, message}}`,
 * which it would replace by a generic text. Such a body is completed first.
 * @public
 */
export async function responseErrorOf(
  response: Response,
): Promise<ResponseError> {
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  if (isRecord(body) && isRecord(body.error) && !('response' in body)) {
    return ResponseError.fromResponse(
      new Response(
        JSON.stringify({ ...body, response: { statusCode: response.status } }),
        {
          status: response.status,
          statusText: response.statusText,
          headers: {
            'Content-Type': 'application/json',
            // Kept for "Report this problem" (errorDetails).
            ...withRequestId(response),
          },
        },
      ),
    );
  }
  return ResponseError.fromResponse(response);
}

/**
 * The message worth showing to a user. A `ResponseError`'s own message is
 * "Request failed with 400 Bad Request"; the backend's explanation (naming
 * the field, or why the change is refused) is in its body.
 * @public
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
