import { ServiceHealthApiError, ServiceHealthClient } from './client';

function clientAnswering(response: () => Response) {
  const urls: string[] = [];
  const client = new ServiceHealthClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/service-health',
    },
    fetchApi: {
      fetch: (async (url: string) => {
        urls.push(url);
        return response();
      }) as typeof fetch,
    },
  });
  return { client, urls };
}

describe('ServiceHealthClient', () => {
  it('reads an entity by its lower-cased, escaped ref and the range', async () => {
    const { client, urls } = clientAnswering(
      () => new Response(JSON.stringify({ state: 'ok' }), { status: 200 }),
    );
    await expect(
      client.getEntityHealth(
        { kind: 'Component', namespace: 'Sandbox', name: 'check out' },
        '1h',
      ),
    ).resolves.toEqual({ state: 'ok' });
    expect(urls).toEqual([
      'http://backend/api/service-health/entities/component/sandbox/check%20out/health?range=1h',
    ]);
  });

  it.each([
    {
      why: "the backend's explanation and request id",
      response: () =>
        new Response(
          JSON.stringify({ error: { message: 'Unknown range 2h' } }),
          { status: 400, headers: { 'x-request-id': 'req-health-1' } },
        ),
      expected: {
        message: 'Request failed with 400: Unknown range 2h',
        statusCode: 400,
        requestId: 'req-health-1',
      },
    },
    {
      why: 'the status alone when a proxy answers HTML',
      response: () => new Response('<html>bad gateway</html>', { status: 502 }),
      expected: {
        message: 'Request failed with 502',
        statusCode: 502,
        requestId: undefined,
      },
    },
  ])('fails with $why', async ({ response, expected }) => {
    const { client } = clientAnswering(response);
    const error = await client
      .getEntityHealth({ kind: 'Component', name: 'scoring-api' }, '1h')
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceHealthApiError);
    expect(error).toMatchObject({ name: 'ResponseError', ...expected });
  });
});
