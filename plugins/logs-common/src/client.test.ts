import { LogsApiError, LogsClient } from './client';

describe('LogsClient', () => {
  const calls: string[] = [];
  const client = new LogsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/logs' },
    fetchApi: {
      fetch: (async (url: string) => {
        calls.push(url);
        return new Response(JSON.stringify({ items: [] }), { status: 200 });
      }) as typeof fetch,
    },
  });

  beforeEach(() => calls.splice(0));

  it.each([
    ['slow request', 'q=slow%20request'],
    ['a+b', 'q=a%2Bb'],
    ['50% & more', 'q=50%25%20%26%20more'],
  ])(
    'encodes the words %j with no reserved characters (%s)',
    async (q, expected) => {
      await client.search({ kind: 'Component', name: 'scoring-api' }, { q });
      expect(calls[0]).toBe(
        `http://backend/api/logs/entities/Component/default/scoring-api/lines?${expected}`,
      );
    },
  );

  it("fails with the backend's message, its status and request id", async () => {
    const failing = new LogsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/logs' },
      fetchApi: {
        fetch: (async () =>
          new Response(
            JSON.stringify({
              error: { message: 'The logs store needs PostgreSQL' },
            }),
            {
              status: 503,
              statusText: 'Service Unavailable',
              headers: { 'x-request-id': 'req-logs-1' },
            },
          )) as typeof fetch,
      },
    });
    const error = await failing
      .search({ kind: 'Component', name: 'scoring-api' })
      .catch(e => e);
    expect(error).toBeInstanceOf(LogsApiError);
    expect(error).toMatchObject({
      message: 'The logs store needs PostgreSQL',
      status: 503,
      requestId: 'req-logs-1',
    });
  });
});
