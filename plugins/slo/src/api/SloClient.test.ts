import { ResponseError } from '@backstage/errors';
import { SloClient } from './SloClient';

function setup(response: Response) {
  const fetch = jest.fn(async (_input: RequestInfo | URL) => response.clone());
  const client = new SloClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as typeof global.fetch },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('SloClient', () => {
  it('lists SLOs with filters, limit and offset in the query string', async () => {
    const page = { items: [], totalCount: 0, limit: 50, offset: 100 };
    const { client, fetch } = setup(json(page));

    await expect(
      client.listSlos({
        owner: 'group:default/payments',
        system: 'system:default/risk-scoring',
        lifecycle: 'production',
        status: 'breaching',
        q: 'scoring api',
        sandbox: 'exclude',
        limit: 50,
        offset: 100,
      }),
    ).resolves.toEqual(page);

    const url = new URL(String(fetch.mock.calls[0][0]));
    expect(url.origin + url.pathname).toBe('http://backend/api/slo/slos');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'group:default/payments',
      system: 'system:default/risk-scoring',
      lifecycle: 'production',
      status: 'breaching',
      q: 'scoring api',
      sandbox: 'exclude',
      limit: '50',
      offset: '100',
    });
  });

  it('leaves out empty filters', async () => {
    const { client, fetch } = setup(json({ items: [], totalCount: 0 }));
    await client.listSlos({ owner: '', q: undefined });
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/slo/slos');
  });

  it('encodes the SLO id and sends the history range', async () => {
    const { client, fetch } = setup(json({ slo: {}, history: {} }));
    await client.getSlo('a/b c', {
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2025-01-31T00:00:00Z'),
      limit: 50000,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/slo/slos/a%2Fb%20c?from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-31T00%3A00%3A00.000Z&limit=50000',
    );
  });

  it("asks for the history downsampled to the chart's points", async () => {
    const { client, fetch } = setup(json({ slo: {}, history: {} }));
    await client.getSlo('checkout-availability', { points: 600 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/slo/slos/checkout-availability?points=600',
    );
  });

  it("builds the entity's SLO URL from kind, namespace and name", async () => {
    const { client, fetch } = setup(json({ slos: [] }));
    await client.getEntitySlos({
      kind: 'Component',
      namespace: 'default',
      name: 'scoring-api',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/slo/entities/Component/default/scoring-api/slos',
    );
  });

  it('surfaces HTTP errors with the status and the backend message', async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'NotFoundError', message: 'No SLO with id "x"' },
          request: { method: 'GET', url: '/api/slo/slos/x' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client.getSlo('x').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Request failed with 404 ');
    expect(error.cause.message).toBe('No SLO with id "x"');
  });

  it('reads the evaluation status', async () => {
    const status = {
      enabled: true,
      prometheus: 'unreachable',
      unreachableSince: '2026-06-01T10:42:00.000Z',
      lastAttemptAt: '2026-06-01T10:45:00.000Z',
      lastSuccessAt: '2026-06-01T10:41:00.000Z',
      lastError: 'connect ECONNREFUSED',
      stalled: false,
    };
    const { client, fetch } = setup(json(status));
    await expect(client.getEvaluationStatus()).resolves.toEqual(status);
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/slo/status');
  });
});
