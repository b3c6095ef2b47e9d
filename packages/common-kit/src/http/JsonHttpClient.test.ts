import { HttpApiError } from './HttpApiError';
import { JsonHttpClient, JsonHttpMethod } from './JsonHttpClient';

class ExampleApiError extends HttpApiError {
  readonly name = 'ExampleApiError';
}

function clientWith(response: () => Response, withToError = false) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new JsonHttpClient({
    pluginId: 'example',
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backend/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (url, init) => {
        calls.push({ url: String(url), init });
        return response();
      },
    },
    ...(withToError && {
      toError: (r: Response) => ExampleApiError.fromResponse(r),
    }),
  });
  return { client, calls };
}

describe('JsonHttpClient', () => {
  it.each([
    ['GET', '/items?limit=5', undefined, undefined],
    [
      'POST',
      '/items',
      { text: 'broken' },
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"text":"broken"}',
      },
    ],
    [
      'PUT',
      '/items/a%2Fb/status',
      { status: 'closed' },
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{"status":"closed"}',
      },
    ],
    ['DELETE', '/items/1', undefined, { method: 'DELETE' }],
  ] as const)(
    '%s %s sends its body as JSON (a plain GET no init) and reads the reply',
    async (method, path, body, init) => {
      const { client, calls } = clientWith(
        () => new Response(JSON.stringify({ ok: 1 })),
      );
      await expect(
        client.request(method as JsonHttpMethod, path, body),
      ).resolves.toEqual({ ok: 1 });
      expect(calls).toHaveLength(1);
      expect(calls[0].url).toBe(`http://backend/api/example${path}`);
      expect(calls[0].init).toEqual(init);
    },
  );

  it.each([
    ['an HttpApiError by default', false, HttpApiError, 'HttpApiError'],
    ['the client error class', true, ExampleApiError, 'ExampleApiError'],
  ] as const)(
    'throws %s on a refusal',
    async (_, withToError, ErrorClass, name) => {
      const { client } = clientWith(
        () =>
          new Response(JSON.stringify({ error: { message: 'nope' } }), {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'x-request-id': 'req-3' },
          }),
        withToError,
      );
      const error = await client.get('/items').catch(e => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({
        name,
        message: 'Request failed with 403 Forbidden: nope',
        statusCode: 403,
        requestId: 'req-3',
      });
    },
  );

  it('answers the response itself from send, for a reply that is not JSON', async () => {
    const { client, calls } = clientWith(() => new Response('# Review'));
    const response = await client.send('GET', '/export?format=markdown');
    await expect(response.text()).resolves.toBe('# Review');
    expect(calls[0].url).toBe(
      'http://backend/api/example/export?format=markdown',
    );
  });

  it('falls back to the global fetch, called unbound', async () => {
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = async function fakeFetch(this: unknown, input) {
      // A browser's fetch throws "Illegal invocation" with another `this`.
      if (this !== undefined && this !== globalThis) {
        throw new TypeError('Illegal invocation');
      }
      seen.push(String(input));
      return new Response('[]');
    } as typeof fetch;
    try {
      const client = new JsonHttpClient({
        pluginId: 'example',
        discoveryApi: { getBaseUrl: async () => 'http://backend/api/example' },
      });
      await expect(client.get('/items')).resolves.toEqual([]);
      expect(seen).toEqual(['http://backend/api/example/items']);
    } finally {
      globalThis.fetch = original;
    }
  });
});
