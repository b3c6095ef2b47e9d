// Test fixtures live in fresh temporary directories the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { sloPlugin } from './plugin';
import { SPEC_YAML } from './__testUtils__/fixtures';

const databases = testDatabases();
const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);
/** `GET /slos/{sloId}` and the like for a URL of the tests. */
const getOperation = (url: string) => {
  const pathname = url.split('?')[0];
  if (pathname.startsWith('/entities/')) {
    return 'GET /entities/{kind}/{namespace}/{name}/slos';
  }
  return pathname.startsWith('/slos/')
    ? 'GET /slos/{sloId}'
    : `GET ${pathname}`;
};
const repoRoot = path.resolve(__dirname, '../../..');
const ALICE = mockCredentials.user('user:default/alice');
const BOB = mockCredentials.user('user:default/bob');

const component = (
  name: string,
  annotations: Record<string, string>,
  spec: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', ...spec },
});

const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-router-'));
fs.writeFileSync(
  path.join(specDir, 'slo.yaml'),
  SPEC_YAML.replace('service: checkout', 'service: search'),
);

const entities: Entity[] = [
  component(
    'checkout',
    { 'vigil.dev/slo-spec-inline': SPEC_YAML },
    { owner: 'group:payments', system: 'shop', lifecycle: 'production' },
  ),
  // Read from disk next to its catalog file, as TechDocs resolves dir: refs.
  component(
    'search',
    {
      'backstage.io/managed-by-location': `file:${path.join(
        specDir,
        'catalog-info.yaml',
      )}`,
      'backstage.io/managed-by-origin-location': `file:${path.join(
        specDir,
        'catalog-info.yaml',
      )}`,
      'vigil.dev/slo-spec': './slo.yaml',
    },
    { owner: 'sre', system: 'shop', lifecycle: 'experimental' },
  ),
  // The real spec of this repository's scoring API.
  component(
    'scoring-api',
    {
      'backstage.io/managed-by-location': `file:${path.join(
        repoRoot,
        'catalog-info.yaml',
      )}`,
      'backstage.io/managed-by-origin-location': `file:${path.join(
        repoRoot,
        'catalog-info.yaml',
      )}`,
      'vigil.dev/slo-spec': './packages/scoring-api/slo.yaml',
    },
    { owner: 'payments', system: 'risk-scoring', lifecycle: 'production' },
  ),
  // Its spec is missing: the error must not reveal the server's paths.
  component(
    'lost',
    {
      'backstage.io/managed-by-location': `file:${path.join(
        specDir,
        'catalog-info.yaml',
      )}`,
      'vigil.dev/slo-spec': './nowhere/slo.yaml',
    },
    { owner: 'sre', lifecycle: 'production' },
  ),
  component(
    'broken',
    {
      'vigil.dev/slo-spec-inline':
        'version: prometheus/v1\nservice: broken\nslos:\n  - name: bad\n    objective: 101\n    sli:\n      raw:\n        error_ratio_query: vector(0) + 0*up[{{.window}}]\n',
    },
    { owner: 'sre', lifecycle: 'production' },
  ),
  // Bob may not read this one.
  component(
    'secret',
    {
      'vigil.dev/slo-spec-inline': SPEC_YAML.replace(
        'service: checkout',
        'service: secret',
      ),
    },
    { owner: 'sre', lifecycle: 'production' },
  ),
];

const SECRET = 'component:default/secret';
const canRead = (credentials: BackstageCredentials, ref: string) =>
  !(
    ref === SECRET &&
    credentials.principal &&
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/bob'
  );

const credentialsOf = (options: unknown) =>
  (options as CatalogServiceRequestOptions).credentials;

function catalog() {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  return catalogServiceMock.mock({
    getEntities: async () => ({ items: entities }),
    getEntitiesByRefs: async ({ entityRefs }, options) => ({
      items: entityRefs.map(ref =>
        canRead(credentialsOf(options), ref) ? byRef.get(ref) : undefined,
      ),
    }),
    getEntityByRef: async (ref, options) => {
      const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return canRead(credentialsOf(options), key) ? byRef.get(key) : undefined;
    },
  });
}

/**
 * The app's policy, as far as these tests need it: every SLO permission is
 * `permission` (default: allowed); the catalog's read permission is allowed,
 * but conditional for Bob, on which the catalog hides the secret entity.
 */
function permissions(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const conditional: PolicyDecision = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/sre'] },
    },
  };
  const decide = (
    name: string,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    if (name !== 'catalog.entity.read') return { result: permission };
    return canRead(credentials, SECRET)
      ? { result: AuthorizeResult.ALLOW }
      : conditional;
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission.name, credentials) as any),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission.name, credentials)),
  });
}

async function startBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    databaseId?: TestDatabaseId;
  } = {},
) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const auditor = mockServices.auditor.mock();
  const auditorEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditorEvent);
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      catalog().factory,
      auditor.factory,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: {} }),
      // Requests without a token are anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      permissions(options.permission).factory,
    ],
  });
  const as = (credentials: BackstageCredentials) => ({
    get: (url: string) =>
      request(server)
        .get(`/api/slo${url}`)
        .set(
          'authorization',
          mockCredentials.user.header(
            (credentials.principal as { userEntityRef: string }).userEntityRef,
          ),
        ),
    post: (url: string) =>
      request(server)
        .post(`/api/slo${url}`)
        .set(
          'authorization',
          mockCredentials.user.header(
            (credentials.principal as { userEntityRef: string }).userEntityRef,
          ),
        ),
  });
  return {
    server,
    knex,
    auditor,
    auditorEvent,
    alice: as(ALICE),
    bob: as(BOB),
    store: new DatabaseSloStore(knex),
  };
}

describe('the SLO API', () => {
  afterAll(() => fs.rmSync(specDir, { recursive: true, force: true }));

  it('needs an authenticated user or service', async () => {
    const { server } = await startBackend();
    for (const url of [
      '/slos',
      '/slos/x',
      '/rules',
      '/entities/component/default/checkout/slos',
    ]) {
      const res = await request(server).get(`/api/slo${url}`);
      expect(res.status).toBe(401);
      expectConforms(getOperation(url), res);
    }
    expect((await request(server).post('/api/slo/refresh')).status).toBe(401);
    const service = await request(server)
      .get('/api/slo/slos')
      .set('authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
  });

  it('refreshes specs, lists, filters, paginates and hides unreadable entities', async () => {
    const { alice, bob, store, auditor, auditorEvent } = await startBackend();
    const refreshed = await alice.post('/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ entities: 6, slos: 8, errors: 3 });
    expectConforms('POST /refresh', refreshed);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'specs-refresh' }),
    );
    expect(auditorEvent.success).toHaveBeenCalled();

    const now = Date.now();
    await store.recordEvaluations([
      {
        sloId: 'checkout-availability',
        entityRef: 'component:default/checkout',
        evaluatedAt: now,
        sli: 0.0005,
        budgetRemaining: 0.5,
        burnRates: { '5m': 0.5 },
        firingAlert: null,
        firingAlerts: [],
        status: 'ok',
      },
      {
        sloId: 'scoring-api-availability',
        entityRef: 'component:default/scoring-api',
        evaluatedAt: now,
        sli: 0.002,
        budgetRemaining: -1,
        burnRates: { '5m': 2 },
        firingAlert: 'ticket',
        firingAlerts: ['ticket'],
        status: 'breaching',
      },
    ]);

    const all = await alice.get('/slos');
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(8);
    expectConforms('GET /slos', all);
    expect(all.body.items[0]).toMatchObject({
      sloId: 'scoring-api-availability',
      entityRef: 'component:default/scoring-api',
      owner: 'group:default/payments',
      system: 'system:default/risk-scoring',
      status: 'breaching',
      budgetRemaining: -1,
      firingAlert: 'ticket',
      stale: false,
    });
    expect(all.body.items[1].sloId).toBe('checkout-availability');
    expect(all.body.items[2]).toMatchObject({
      status: 'no-data',
      evaluatedAt: null,
    });

    const forBob = await bob.get('/slos');
    expect(forBob.body.totalCount).toBe(6);
    expect(forBob.body.items.map((i: any) => i.entityRef)).not.toContain(
      SECRET,
    );

    const page = await alice.get('/slos?limit=3&offset=3');
    expect(page.body).toMatchObject({ totalCount: 8, limit: 3, offset: 3 });
    expect(page.body.items).toHaveLength(3);
    expectConforms('GET /slos', page);

    const filtered = await alice.get(
      '/slos?owner=group:default/sre&lifecycle=experimental&status=no-data&q=latency',
    );
    expect(filtered.body.items.map((i: any) => i.sloId)).toEqual([
      'search-latency',
    ]);
    expect((await alice.get('/slos?status=breaching')).body.totalCount).toBe(1);
    expect(
      (await alice.get('/slos?system=system:default/shop')).body.totalCount,
    ).toBe(4);
  });

  it.each(databases.eachSupportedId())(
    'rejects bad input with 400 naming what is wrong, on %s',
    async databaseId => {
      const { alice, server } = await startBackend({ databaseId });
      await alice.post('/refresh');
      const cases: Array<[string, RegExp]> = [
        ['/slos?limit=0', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=abc', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=501', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=1e2', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=1&limit=2', /limit: must be an integer from 1 to 500/],
        ['/slos?status=great', /status.*ok.*warning.*breaching.*no-data/],
        ['/slos?offset=-1', /offset: must be an integer from 0 to 1000000/],
        [
          '/slos?offset=9223372036854775807',
          /offset: must be an integer from 0 to 1000000/,
        ],
        [
          '/slos?offset=1000001',
          /offset: must be an integer from 0 to 1000000/,
        ],
        ['/slos?colour=red', /colour/],
        ['/slos?q=abc%00', /q: must not contain NUL characters/],
        ['/slos?owner=%00', /owner: must not contain NUL characters/],
        ['/slos?q[a]=b', /q/],
        ['/slos/x?from=yesterday', /from/],
        ['/slos/x?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', /after/],
        ['/slos/x?limit=50001', /limit: must be an integer from 1 to 50000/],
        ['/slos/x?points=9', /points: must be an integer from 10 to 2000/],
        ['/slos/x?points=2001', /points: must be an integer from 10 to 2000/],
        ['/slos/x?points=1e3', /points: must be an integer from 10 to 2000/],
        ['/slos/x?colour=red', /colour/],
        ['/slos/checkout%00-availability', /must not contain NUL characters/],
        [
          '/entities/component/default/check%00out/slos',
          /name: must not contain NUL/,
        ],
        ['/entities/component/default/checkout/slos?colour=red', /colour/],
        ['/rules?entityRef=component:', /entityRef/],
        ['/rules?entityRef=component:default/a%00b', /must not contain NUL/],
        ['/rules?format=xml', /format/],
        ['/rules?colour=red', /colour/],
      ];
      for (const [url, message] of cases) {
        const res = await alice.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.error).toEqual({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
        expect(res.text).not.toMatch(/select|SQL|\n\s+at /i);
        expectConforms(getOperation(url), res);
      }
      const refresh = await request(server)
        .post('/api/slo/refresh?colour=red')
        .set(
          'authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      expect(refresh.status).toBe(400);
      expect(refresh.body.error.message).toMatch(/colour/);
      expectConforms('POST /refresh', refresh);
      const malformed = await request(server)
        .post('/api/slo/refresh')
        .set('authorization', mockCredentials.user.header('user:default/alice'))
        .set('content-type', 'application/json')
        .send('{"oops":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.name).toBe('InputError');
      expect(malformed.text).not.toMatch(/\n\s+at /);
      // The largest allowed page is fine, just empty.
      const last = await alice.get('/slos?offset=1000000&limit=500');
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ items: [], offset: 1000000 });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'answers a database failure with a generic 500 on %s, without SQL or a stack trace',
    async databaseId => {
      const { alice, knex } = await startBackend({ databaseId });
      await alice.post('/refresh');
      await knex.schema.dropTable('slo_current_status');
      for (const url of ['/slos', '/slos/checkout-availability']) {
        const res = await alice.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 500 });
        expect(res.body.error).toEqual({
          name: 'Error',
          message: 'Internal error; the details have been logged',
        });
        expect(res.text).not.toMatch(
          /select|slo_current_status|sqlite|\n\s+at /i,
        );
      }
    },
    60_000,
  );

  it('shows one SLO with its history, and 404 for unknown or unreadable ones', async () => {
    const { alice, bob, store } = await startBackend();
    await alice.post('/refresh');
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let day = 0; day < 10; day++) {
      await store.recordEvaluations([
        {
          sloId: 'checkout-availability',
          entityRef: 'component:default/checkout',
          evaluatedAt: base + day * 86_400_000,
          sli: 0.0005,
          budgetRemaining: day === 1 ? -0.2 : 0.5,
          burnRates: { '1h': 0.5 },
          firingAlert: null,
          firingAlerts: [],
          status: day === 1 ? 'breaching' : 'ok',
        },
      ]);
    }
    const res = await alice.get(
      '/slos/checkout-availability?from=2026-06-03T00:00:00Z&to=2026-06-10T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(res.body.slo).toMatchObject({
      sloId: 'checkout-availability',
      objectivePercent: 99.9,
      period: '30d',
      evaluatedAt: '2026-06-10T00:00:00.000Z',
      stale: true,
    });
    expect(res.body.slo.spec.sli.type).toBe('events');
    expect(res.body.history.evaluations).toHaveLength(8);
    expectConforms('GET /slos/{sloId}', res);
    // "Met for the last 7 days" from the stored history alone.
    expect(res.body.history.summary).toEqual({
      evaluations: 8,
      evaluationsWithData: 8,
      evaluationsOverBudget: 0,
      met: true,
    });
    const withBreach = await alice.get(
      '/slos/checkout-availability?from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z',
    );
    expect(withBreach.body.history.summary.met).toBe(false);

    const unknown = await alice.get('/slos/nope');
    expect(unknown.status).toBe(404);
    expectConforms('GET /slos/{sloId}', unknown);
    expect((await alice.get('/slos/secret-availability')).status).toBe(200);
    expect((await bob.get('/slos/secret-availability')).status).toBe(404);
  });

  it('downsamples the history to the points asked for, summarizing all of it', async () => {
    const { alice, store } = await startBackend();
    await alice.post('/refresh');
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let minute = 0; minute < 60; minute++) {
      const breach = minute === 17;
      await store.recordEvaluations([
        {
          sloId: 'checkout-availability',
          entityRef: 'component:default/checkout',
          evaluatedAt: base + minute * 60_000,
          sli: 0.0005,
          budgetRemaining: breach ? -0.2 : 0.9 - minute * 0.001,
          burnRates: { '1h': 0.5 },
          firingAlert: breach ? 'page' : null,
          firingAlerts: breach ? ['page'] : [],
          status: breach ? 'breaching' : 'ok',
        },
      ]);
    }
    const url =
      '/slos/checkout-availability?from=2026-06-01T00:00:00Z&to=2026-06-01T01:00:00Z';
    const res = await alice.get(`${url}&points=10`);
    expect(res.status).toBe(200);
    expectConforms('GET /slos/{sloId}', res);
    const { evaluations, summary } = res.body.history;
    expect(summary).toEqual({
      evaluations: 60,
      evaluationsWithData: 60,
      evaluationsOverBudget: 1,
      met: false,
    });
    expect(evaluations.length).toBeGreaterThanOrEqual(10);
    expect(evaluations.length).toBeLessThanOrEqual(30);
    expect(evaluations).toContainEqual(
      expect.objectContaining({
        evaluatedAt: '2026-06-01T00:17:00.000Z',
        budgetRemaining: -0.2,
        firingAlerts: ['page'],
        status: 'breaching',
      }),
    );
    expect(evaluations[evaluations.length - 1].evaluatedAt).toBe(
      '2026-06-01T00:59:00.000Z',
    );
    // Without `points` (older clients) up to 1,000 come back as they are.
    const all = await alice.get(url);
    expect(all.body.history.evaluations).toHaveLength(60);
    expect(all.body.history.summary).toEqual(summary);
  });

  it("returns an entity's SLOs, spec link and validation errors", async () => {
    const { alice, bob } = await startBackend();
    await alice.post('/refresh');
    const scoring = await alice.get(
      '/entities/component/default/scoring-api/slos',
    );
    expect(scoring.status).toBe(200);
    // Relative to the catalog file's directory: never the server's path.
    expect(scoring.body.specSource).toEqual({
      type: 'file',
      target: 'packages/scoring-api/slo.yaml',
    });
    expect(JSON.stringify(scoring.body)).not.toContain(repoRoot);
    expectConforms('GET /entities/{kind}/{namespace}/{name}/slos', scoring);
    const search = await alice.get('/entities/component/default/search/slos');
    expect(search.body.specSource).toEqual({
      type: 'file',
      target: 'slo.yaml',
    });
    expect(search.body.slos[0]).toMatchObject({ firingAlerts: [] });
    const detail = await alice.get('/slos/search-availability');
    expect(detail.body.slo.spec.origin.source).toBe('slo.yaml');

    const lost = await alice.get('/entities/component/default/lost/slos');
    expect(lost.body.specSource).toEqual({
      type: 'file',
      target: 'nowhere/slo.yaml',
    });
    expect(lost.body.errors).toEqual([
      expect.objectContaining({
        source: 'nowhere/slo.yaml',
        message: expect.stringMatching(
          /^nowhere\/slo\.yaml: cannot read the SLO spec: ENOENT/,
        ),
      }),
    ]);
    expect(JSON.stringify(lost.body)).not.toContain(specDir);
    expect(scoring.body.slos.map((s: any) => s.sloId)).toEqual([
      'scoring-api-availability',
      'scoring-api-latency',
    ]);
    expect(scoring.body.errors).toEqual([]);

    const broken = await alice.get('/entities/component/default/broken/slos');
    expect(broken.body.slos).toEqual([]);
    expect(broken.body.specSource).toEqual({ type: 'inline' });
    expect(broken.body.errors).toHaveLength(2);
    expect(broken.body.errors[0]).toMatchObject({
      slo: 'bad',
      problem: expect.stringContaining('objective'),
    });
    expect(broken.body.errors[0].message).toContain('component:default/broken');

    expect(
      (await bob.get('/entities/component/default/secret/slos')).status,
    ).toBe(404);
    expect(
      (await alice.get('/entities/component/default/unknown/slos')).status,
    ).toBe(404);
  });

  it('generates Prometheus rules as JSON or Sloth-style YAML', async () => {
    const { alice, bob } = await startBackend();
    await alice.post('/refresh');
    const json = await alice.get(
      '/rules?entityRef=component:default/scoring-api',
    );
    expect(json.status).toBe(200);
    expect(json.body.groups.map((g: any) => g.name)).toEqual([
      'sloth-slo-sli-recordings-scoring-api-availability',
      'sloth-slo-meta-recordings-scoring-api-availability',
      'sloth-slo-alerts-scoring-api-availability',
      'sloth-slo-sli-recordings-scoring-api-latency',
      'sloth-slo-meta-recordings-scoring-api-latency',
      'sloth-slo-alerts-scoring-api-latency',
    ]);
    expectConforms('GET /rules', json);
    const yaml = await alice
      .get('/rules?entityRef=component:default/scoring-api')
      .set('accept', 'application/yaml');
    expect(yaml.headers['content-type']).toMatch(/application\/yaml/);
    expectConforms('GET /rules', yaml);
    expect(yaml.text).toMatch(/^\n---\n# Code generated by Sloth/);
    expect(yaml.text).toContain('alert: ScoringApiAvailabilityBudgetBurn');
    const viaQuery = await alice.get('/rules?format=yaml');
    expect(viaQuery.text).toContain(
      'sloth-slo-sli-recordings-checkout-availability',
    );
    expect(viaQuery.text).toContain('secret-availability');
    // Only the SLOs of entities the caller may read.
    const forBob = await bob.get('/rules?format=yaml');
    expect(forBob.text).toContain(
      'sloth-slo-sli-recordings-checkout-availability',
    );
    expect(forBob.text).not.toContain('secret-availability');
  });

  it('needs the slo.specs.refresh permission to refresh', async () => {
    const { alice, auditor } = await startBackend({
      permission: AuthorizeResult.DENY,
    });
    const res = await alice.post('/refresh');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('slo.specs.refresh');
    expectConforms('POST /refresh', res);
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });
});
