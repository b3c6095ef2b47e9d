import { errorMessage, responseErrorOf } from './responseError';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    statusText: 'Bad Request',
    headers: { 'Content-Type': 'application/json' },
  });

describe('responseErrorOf', () => {
  it("keeps the message of a bare {error} body (the OpenAPI validator's)", async () => {
    const error = await responseErrorOf(
      json(400, {
        error: { name: 'InputError', message: 'limit must be <= 100' },
      }),
    );
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('limit must be <= 100');
  });

  it('takes a complete Backstage error body as it is', async () => {
    const error = await responseErrorOf(
      json(404, {
        error: { name: 'NotFoundError', message: 'No SLO with id "x"' },
        request: { method: 'GET', url: '/slos/x' },
        response: { statusCode: 404 },
      }),
    );
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No SLO with id "x"');
    expect(error.body.request).toEqual({ method: 'GET', url: '/slos/x' });
  });

  it('copes with a body that is not JSON', async () => {
    const error = await responseErrorOf(
      new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error.statusCode).toBe(502);
    expect(error.body.error.message).toContain('upstream down');
  });
});

describe('errorMessage', () => {
  it.each([
    {
      name: "a ResponseError's backend message",
      error: async () =>
        responseErrorOf(
          json(400, { error: { name: 'InputError', message: 'bad limit' } }),
        ),
      message: 'bad limit',
    },
    {
      name: "a ResponseError's own message without a backend one",
      error: async () =>
        responseErrorOf(
          new Response('oops', { status: 502, statusText: 'Bad Gateway' }),
        ),
      message: 'Request failed with status 502 Bad Gateway, oops',
    },
    {
      name: "an Error's message",
      error: async () => new Error('boom'),
      message: 'boom',
    },
    { name: 'anything else as text', error: async () => 42, message: '42' },
  ])('shows $name', async ({ error, message }) => {
    expect(errorMessage(await error())).toBe(message);
  });
});
