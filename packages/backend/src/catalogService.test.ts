import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import {
  createDependencyHealth,
  DependencyUnavailableError,
} from '@vigil/backend-kit';
import {
  catalogServiceFactory,
  isIdempotentCatalogRequest,
  ResilientCatalogService,
} from './catalogService';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {},
};

function setup(statuses: number[]) {
  const health = createDependencyHealth({
    logger: mockServices.logger.mock(),
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });
  const dependency = health.dependency('catalog', {
    displayName: 'The catalog',
    breaker: { consecutiveFailures: 4, halfOpenAfterMs: 60_000 },
  });
  const requests: Array<{ method: string; path: string; auth: string | null }> =
    [];
  const fetchImpl = jest.fn(async (input: any, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      auth: new Headers(init?.headers).get('authorization'),
    });
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)];
    let body: unknown = { error: { name: 'Error', message: 'down' } };
    if (status === 200 && url.pathname.endsWith('/by-refs')) {
      body = { items: [entity] };
    } else if (status === 200 || status === 201) {
      body = url.pathname.includes('/locations')
        ? { location: { id: '1', type: 'url', target: 'x' }, entities: [] }
        : entity;
    }
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  const catalog = new ResilientCatalogService({
    auth: mockServices.auth(),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => 'http://catalog.test/api/catalog',
    }),
    dependency,
    fetch: fetchImpl,
  });
  return { catalog, requests, dependency };
}

const credentials = mockCredentials.user();

describe('ResilientCatalogService', () => {
  it.each([
    {
      call: 'getEntitiesByRefs (read-only POST)',
      run: (c: CatalogService) =>
        c.getEntitiesByRefs(
          { entityRefs: ['component:default/checkout'] },
          { credentials },
        ),
      statuses: [503, 200],
      requests: 2,
      ok: true,
    },
    {
      call: 'getEntityByRef (GET)',
      run: (c: CatalogService) =>
        c.getEntityByRef('component:default/checkout', { credentials }),
      statuses: [502, 502, 200],
      requests: 3,
      ok: true,
    },
    {
      call: 'addLocation (POST that writes)',
      run: (c: CatalogService) =>
        c.addLocation(
          { type: 'url', target: 'https://x/catalog-info.yaml' },
          { credentials },
        ),
      statuses: [503, 201],
      requests: 1,
      ok: false,
    },
    {
      call: 'refreshEntity (POST that writes)',
      run: (c: CatalogService) =>
        c.refreshEntity('component:default/checkout', { credentials }),
      statuses: [503, 200],
      requests: 1,
      ok: false,
    },
  ])(
    '$call: $requests request(s)',
    async ({ run, statuses, requests: n, ok }) => {
      const { catalog, requests } = setup(statuses);
      const outcome = await run(catalog).then(
        () => 'ok',
        () => 'error',
      );
      expect(outcome).toBe(ok ? 'ok' : 'error');
      expect(requests).toHaveLength(n);
      // Every request carries a plugin token on behalf of the caller.
      for (const r of requests) expect(r.auth).toMatch(/^Bearer /);
    },
  );

  it('does not count a 404 and fails fast while the catalog is down', async () => {
    const { catalog, dependency, requests } = setup([404]);
    await expect(
      catalog.getEntityByRef('component:default/nope', { credentials }),
    ).resolves.toBeUndefined();
    expect(dependency.state()).toMatchObject({ status: 'up' });

    const down = setup([503]);
    await expect(
      down.catalog.getEntityByRef('component:default/checkout', {
        credentials,
      }),
    ).rejects.toThrow(); // 3 attempts
    await expect(
      down.catalog.getEntityByRef('component:default/checkout', {
        credentials,
      }),
    ).rejects.toBeInstanceOf(DependencyUnavailableError); // the 4th opens; then fast
    const before = down.requests.length;
    await expect(
      down.catalog.getEntities({}, { credentials }),
    ).rejects.toMatchObject({ reason: 'circuit-open' });
    expect(down.requests).toHaveLength(before);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['GET', '/api/catalog/entities', true],
    ['POST', '/api/catalog/entities/by-refs', true],
    ['POST', '/api/catalog/entities/by-query', true],
    ['POST', '/api/catalog/locations', false],
    ['POST', '/api/catalog/refresh', false],
    ['DELETE', '/api/catalog/entities/by-uid/1', false],
  ])('%s %s idempotent: %s', (method, path, expected) => {
    expect(isIdempotentCatalogRequest(method, new URL(`http://c${path}`))).toBe(
      expected,
    );
  });

  it('replaces catalogServiceRef for every plugin', async () => {
    let seen: CatalogService | undefined;
    await startTestBackend({
      features: [
        catalogServiceFactory,
        createBackendPlugin({
          pluginId: 'consumer',
          register(env) {
            env.registerInit({
              deps: { catalog: catalogServiceRef, logger: coreServices.logger },
              async init({ catalog }) {
                seen = catalog;
              },
            });
          },
        }),
      ],
    });
    expect(seen).toBeInstanceOf(ResilientCatalogService);
  });
});
