import { HttpApiError, readFailedResponse } from './HttpApiError';

class ExampleApiError extends HttpApiError {
  readonly name = 'ExampleApiError';
}

const json = (value: unknown) => JSON.stringify(value);

describe('readFailedResponse', () => {
  it.each([
    [
      'the backend explanation and request id',
      new Response(json({ error: { name: 'InputError', message: 'bad q' } }), {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'x-request-id': 'req-1' },
      }),
      {
        statusCode: 400,
        statusText: 'Bad Request',
        body: { error: { name: 'InputError', message: 'bad q' } },
        backendMessage: 'bad q',
        requestId: 'req-1',
        message: 'Request failed with 400 Bad Request: bad q',
      },
    ],
    [
      'a proxy HTML page kept out of the message',
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
      {
        statusCode: 502,
        body: undefined,
        text: '<html>bad gateway</html>',
        backendMessage: undefined,
        requestId: undefined,
        message: 'Request failed with 502 Bad Gateway',
      },
    ],
    [
      'an empty body and no status text',
      new Response(null, { status: 503 }),
      { statusCode: 503, body: undefined, message: 'Request failed with 503' },
    ],
    [
      'a non-string error message ignored',
      new Response(json({ error: { message: 42 } }), {
        status: 500,
        statusText: 'Internal Server Error',
      }),
      {
        body: { error: { message: 42 } },
        backendMessage: undefined,
        message: 'Request failed with 500 Internal Server Error',
      },
    ],
    [
      'an empty error message ignored',
      new Response(json({ error: { message: '' } }), {
        status: 404,
        statusText: 'Not Found',
      }),
      {
        backendMessage: undefined,
        message: 'Request failed with 404 Not Found',
      },
    ],
  ])('reads %s', async (_, response, expected) => {
    await expect(readFailedResponse(response)).resolves.toMatchObject(expected);
  });
});

describe('HttpApiError.fromResponse', () => {
  const refusal = () =>
    new Response(json({ error: { message: 'No ticket t1' } }), {
      status: 404,
      statusText: 'Not Found',
      headers: { 'x-request-id': 'req-9' },
    });

  it.each([
    ['HttpApiError', HttpApiError],
    ['ExampleApiError', ExampleApiError],
  ] as const)(
    'builds a %s with the status, body and request id',
    async (name, ErrorClass) => {
      const error = await ErrorClass.fromResponse(refusal());
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(HttpApiError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name,
        message: 'Request failed with 404 Not Found: No ticket t1',
        statusCode: 404,
        body: { error: { message: 'No ticket t1' } },
        requestId: 'req-9',
      });
    },
  );
});
