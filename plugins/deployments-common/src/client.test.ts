import { DeploymentsApiError, DeploymentsClient } from './client';
import type { DeploymentList, DeploymentRecord } from './records';

const BASE = 'http://backend.test/api/deployments';

function json(body: unknown, status = 200, statusText = 'OK') {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

function record(id: string): DeploymentRecord {
  return {
    id,
    entityRef: 'component:default/scoring-api',
    environment: 'production',
    kind: 'deploy',
    outcome: 'succeeded',
    release: { version: `0.1.0+${id}`, commit: 'abc1234' },
    recordedBy: 'vigil-deploy',
    startedAt: '2026-03-10T11:00:00.000Z',
    steps: [],
    smoke: [],
    revision: 1,
    createdAt: '2026-03-10T11:00:00.000Z',
    updatedAt: '2026-03-10T11:00:00.000Z',
  };
}

function setup() {
  const fetch = jest.fn<Promise<Response>, [RequestInfo | URL, RequestInit?]>();
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE);
  const client = new DeploymentsClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const urls = () => fetch.mock.calls.map(([url]) => new URL(String(url)));
  return { client, fetch, getBaseUrl, urls };
}

describe('DeploymentsClient', () => {
  it('lists with the filters that are set, times as ISO strings', async () => {
    const { client, fetch, getBaseUrl, urls } = setup();
    const list: DeploymentList = { items: [record('a')], totalCount: 1 };
    fetch.mockResolvedValueOnce(json(list));

    await expect(
      client.listDeployments({
        entityRef: 'component:default/scoring-api',
        kind: 'deploy',
        from: new Date('2026-03-10T10:00:00Z'),
        to: '2026-03-10T12:00:00.000Z',
        limit: 20,
      }),
    ).resolves.toEqual(list);

    expect(getBaseUrl).toHaveBeenCalledWith('deployments');
    const [url] = urls();
    expect(url.pathname).toBe('/api/deployments/deployments');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/scoring-api',
      kind: 'deploy',
      from: '2026-03-10T10:00:00.000Z',
      to: '2026-03-10T12:00:00.000Z',
      limit: '20',
    });
  });

  it('gets one record by its escaped id, and the DORA figures', async () => {
    const { client, fetch, urls } = setup();
    fetch
      .mockResolvedValueOnce(json(record('a/b')))
      .mockResolvedValueOnce(json({ entityRef: 'x', deployments: 3 }));

    await expect(client.getDeployment('a/b')).resolves.toMatchObject({
      id: 'a/b',
    });
    await expect(
      client.getDora({ entityRef: 'component:default/scoring-api', days: 7 }),
    ).resolves.toMatchObject({ deployments: 3 });

    const [one, dora] = urls();
    expect(one.pathname).toBe('/api/deployments/deployments/a%2Fb');
    expect(dora.pathname).toBe('/api/deployments/dora');
    expect(Object.fromEntries(dora.searchParams)).toEqual({
      entityRef: 'component:default/scoring-api',
      days: '7',
    });
  });

  it('finds every record around a moment, across pages', async () => {
    const { client, fetch, urls } = setup();
    const first = Array.from({ length: 500 }, (_, i) => record(`p1-${i}`));
    fetch
      .mockResolvedValueOnce(json({ items: first, totalCount: 502 }))
      .mockResolvedValueOnce(
        json({ items: [record('p2-0'), record('p2-1')], totalCount: 502 }),
      );

    const found = await client.deploymentsAround(
      'component:default/scoring-api',
      '2026-03-10T12:00:00Z',
      { before: 24 * 3_600_000, after: 3_600_000 },
    );

    expect(found).toHaveLength(502);
    const [page1, page2] = urls().map(url =>
      Object.fromEntries(url.searchParams),
    );
    expect(page1).toEqual({
      entityRef: 'component:default/scoring-api',
      from: '2026-03-09T12:00:00.000Z',
      to: '2026-03-10T13:00:00.000Z',
      limit: '500',
      offset: '0',
    });
    expect(page2.offset).toBe('500');
  });

  it('stops when a page comes back empty, whatever the count said', async () => {
    const { client, fetch } = setup();
    fetch
      .mockResolvedValueOnce(json({ items: [record('a')], totalCount: 9 }))
      .mockResolvedValueOnce(json({ items: [], totalCount: 9 }));
    await expect(
      client.deploymentsAround('component:default/x', Date.now(), {
        before: 1,
        after: 1,
      }),
    ).resolves.toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refuses a moment that is not a time, before asking', async () => {
    const { client, fetch } = setup();
    await expect(
      client.deploymentsAround('component:default/x', 'soon', {
        before: 1,
        after: 1,
      }),
    ).rejects.toThrow('Not a time: soon');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("fails with the status and the backend's message", async () => {
    const { client, fetch } = setup();
    fetch.mockResolvedValueOnce(
      json(
        {
          error: { name: 'NotFoundError', message: 'No deployment x' },
          response: { statusCode: 404 },
        },
        404,
        'Not Found',
      ),
    );
    const error = await client.getDeployment('x').catch(e => e);
    expect(error).toBeInstanceOf(DeploymentsApiError);
    expect(error).toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      message: 'Request failed with 404 Not Found: No deployment x',
    });
    expect(error.requestId).toBeUndefined();
  });

  it('keeps the request id the backend echoed, for "Report this problem"', async () => {
    const { client, fetch } = setup();
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { message: 'Boom' } }), {
        status: 500,
        statusText: 'Internal Server Error',
        headers: {
          'Content-Type': 'application/json',
          'x-request-id': 'req-7f3a',
        },
      }),
    );
    await expect(client.listDeployments()).rejects.toMatchObject({
      statusCode: 500,
      requestId: 'req-7f3a',
    });
  });

  it('fails with the status alone when the body is not JSON', async () => {
    const { client, fetch } = setup();
    fetch.mockResolvedValueOnce(
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );
    await expect(client.listDeployments()).rejects.toThrow(
      /^Request failed with 502 Bad Gateway$/,
    );
  });

  it("uses the platform's fetch when none is given", async () => {
    const original = globalThis.fetch;
    const fetch = jest.fn(async () => json({ items: [], totalCount: 0 }));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    try {
      const client = new DeploymentsClient({
        discoveryApi: { getBaseUrl: async () => BASE },
      });
      await expect(client.listDeployments()).resolves.toEqual({
        items: [],
        totalCount: 0,
      });
      expect(fetch).toHaveBeenCalledWith(`${BASE}/deployments`, undefined);
    } finally {
      globalThis.fetch = original;
    }
  });
});
