import request from 'supertest';
import pino from 'pino';
import { readConfig } from './config';
import { RunningService, startService } from './service';
import { ServiceMetrics } from './metrics';

const silent = pino({ level: 'silent' });
const ADMIN_TOKEN = 'test-admin-token';
const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe.each([
  ['in-process store', 'none', 'memory'],
  // The real Redis on 127.0.0.1:6379, as in production.
  ['redis store', 'redis://127.0.0.1:6379', 'redis'],
])('scoring-api with the %s', (_name, redisUrl, backend) => {
  let service: RunningService;
  let metrics: ServiceMetrics;

  beforeAll(async () => {
    metrics = new ServiceMetrics({ collectDefaults: false });
    service = await startService(
      readConfig({
        SCORING_PORT: '0',
        SCORING_REDIS_URL: redisUrl,
        SCORING_FEATURE_CACHE_TTL_MS: '60000',
        VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN,
      }),
      { logger: silent, metrics },
    );
  });

  afterAll(async () => {
    await service.shutdown('test done');
  });

  beforeEach(() => {
    service.faults.clear();
  });

  it('uses the expected feature store', () => {
    expect(service.backend).toBe(backend);
  });

  it('answers liveness and readiness', async () => {
    await request(service.url).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(service.url).get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', featureStore: backend });
  });

  it('scores a seeded customer and counts cache hits and misses', async () => {
    const body = { customerId: 'c-00042', amount: 120, currency: 'EUR' };
    const first = await request(service.url)
      .post('/v1/score')
      .send(body)
      .expect(200);
    expect(first.body).toMatchObject({
      customerId: 'c-00042',
      modelVersion: expect.any(String),
    });
    expect(['approve', 'review', 'decline']).toContain(first.body.decision);
    await request(service.url).post('/v1/score').send(body).expect(200);

    const text = await (
      await request(service.url).get('/metrics').expect(200)
    ).text;
    expect(text).toMatch(
      /scoring_feature_cache_requests_total\{result="hit"\} [1-9]/,
    );
    expect(text).toMatch(
      /scoring_feature_cache_requests_total\{result="miss"\} [1-9]/,
    );
    expect(text).toMatch(
      /http_requests_total\{route="\/v1\/score",method="POST",status="200"\} 2/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.8",route="\/v1\/score",method="POST",status="200"\} 2/,
    );
    expect(text).toMatch(
      /scoring_feature_store_duration_seconds_count\{operation="get",backend="\w+",outcome="ok"\}/,
    );
  });

  it('labels unknown paths with a bounded route label', async () => {
    await request(service.url).get('/no/such/path/123').expect(404);
    const text = (await request(service.url).get('/metrics')).text;
    expect(text).toContain('route="unmatched"');
    expect(text).not.toContain('/no/such/path/123');
  });

  it.each([
    [{}, /customerId: Required/],
    [{ customerId: 'c-1', amount: -5, currency: 'EUR' }, /amount/],
    [
      { customerId: 'c-1', amount: 5, currency: 'euro' },
      /currency: must be an ISO 4217 code/,
    ],
    [{ customerId: 'c 1', amount: 5, currency: 'EUR' }, /customerId/],
    [
      { customerId: 'c-1', amount: 5, currency: 'EUR', extra: 1 },
      /Unrecognized key/,
    ],
  ])('answers 400 for bad input %j', async (body, message) => {
    const res = await request(service.url)
      .post('/v1/score')
      .send(body)
      .expect(400);
    expect(res.body.error).toMatch(message);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(service.url)
      .post('/v1/score')
      .set('content-type', 'application/json')
      .send('{"customerId":')
      .expect(400);
    expect(res.body.error).toBeTruthy();
  });

  it('injects errors at run time and clears them', async () => {
    await request(service.url)
      .put('/admin/faults')
      .set(asAdmin)
      .send({ errorRate: 1 })
      .expect(200);
    const res = await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00001', amount: 10, currency: 'EUR' })
      .expect(500);
    expect(res.body.error).toMatch(/injected fault/);
    // Injected errors count against the route the SLOs watch.
    const text = (await request(service.url).get('/metrics')).text;
    expect(text).toMatch(
      /http_requests_total\{route="\/v1\/score",method="POST",status="500"\} 1/,
    );
    // Probes and metrics are never faulted.
    await request(service.url).get('/healthz').expect(200);
    await request(service.url).delete('/admin/faults').set(asAdmin).expect(200);
    await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00001', amount: 10, currency: 'EUR' })
      .expect(200);
  });

  it('injects latency', async () => {
    await request(service.url)
      .patch('/admin/faults')
      .set(asAdmin)
      .send({ latencyMs: 300 })
      .expect(200);
    const started = Date.now();
    await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00002', amount: 10, currency: 'EUR' })
      .expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('simulates a dependency outage: 503 and not ready', async () => {
    await request(service.url)
      .patch('/admin/faults')
      .set(asAdmin)
      .send({ dependencyOutage: true })
      .expect(200);
    const res = await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-09999', amount: 10, currency: 'EUR' })
      .expect(503);
    expect(res.body.error).toMatch(/feature store unavailable/);
    await request(service.url).get('/readyz').expect(503);
  });

  it('rejects invalid fault settings with 400', async () => {
    const res = await request(service.url)
      .put('/admin/faults')
      .set(asAdmin)
      .send({ errorRate: 7 })
      .expect(400);
    expect(res.body.error).toMatch(/errorRate/);
  });

  it('stores features through the admin API', async () => {
    const features = {
      accountAgeDays: 1,
      chargebacks90d: 0,
      transactions30d: 0,
      averageTicket: 10,
      countryRisk: 0.2,
    };
    await request(service.url)
      .put('/admin/features/test-cust')
      .set(asAdmin)
      .send(features)
      .expect(204);
    const res = await request(service.url)
      .get('/v1/features/test-cust')
      .expect(200);
    expect(res.body.features).toEqual(features);
    await request(service.url).get('/v1/features/nobody-here').expect(404);
  });
});

describe('scoring-api admin token and Host check', () => {
  let service: RunningService;
  let disabled: RunningService;
  const start = (env: Record<string, string>) =>
    startService(
      readConfig({ SCORING_PORT: '0', SCORING_REDIS_URL: 'none', ...env }),
      {
        logger: silent,
        metrics: new ServiceMetrics({ collectDefaults: false }),
      },
    );

  beforeAll(async () => {
    service = await start({ VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN });
    disabled = await start({});
  });

  afterAll(async () => {
    await service.shutdown('test done');
    await disabled.shutdown('test done');
  });

  const evil = { host: 'evil.example:8080' };
  const cases: Array<{
    name: string;
    method: 'get' | 'post';
    path: string;
    headers: (port: number) => Record<string, string>;
    status: number;
    error?: RegExp;
    tokenless?: boolean;
  }> = [
    {
      name: 'admin with the token',
      method: 'get',
      path: '/admin/faults',
      headers: () => asAdmin,
      status: 200,
    },
    {
      name: 'admin with a lower-case bearer scheme',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ authorization: `bearer ${ADMIN_TOKEN}` }),
      status: 200,
    },
    {
      name: 'admin without a token',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({}),
      status: 401,
      error: /Authorization: Bearer <VIGIL_SCORING_ADMIN_TOKEN>/,
    },
    {
      name: 'admin with a wrong token',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ authorization: 'Bearer wrong' }),
      status: 401,
    },
    {
      name: 'admin with an empty bearer token',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ authorization: 'Bearer ' }),
      status: 401,
    },
    {
      name: 'admin with a token prefix',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ authorization: `Bearer ${ADMIN_TOKEN.slice(0, 5)}` }),
      status: 401,
    },
    {
      name: 'admin with the token as Basic',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ authorization: `Basic ${ADMIN_TOKEN}` }),
      status: 401,
    },
    {
      name: 'admin when no token is configured, even with one given',
      method: 'get',
      path: '/admin/faults',
      headers: () => asAdmin,
      status: 503,
      error: /disabled: set VIGIL_SCORING_ADMIN_TOKEN/,
      tokenless: true,
    },
    {
      name: 'admin with the token under a foreign Host (DNS rebinding)',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ ...asAdmin, ...evil }),
      status: 421,
      error: /unexpected Host header/,
    },
    {
      name: 'admin with the token from a cross-site page',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ ...asAdmin, 'sec-fetch-site': 'cross-site' }),
      status: 403,
      error: /cross-site/,
    },
    {
      name: 'admin with the token and a foreign Origin',
      method: 'get',
      path: '/admin/faults',
      headers: () => ({ ...asAdmin, origin: 'http://evil.example' }),
      status: 403,
    },
    {
      name: 'admin with the token and its own Origin',
      method: 'get',
      path: '/admin/faults',
      headers: port => ({ ...asAdmin, origin: `http://localhost:${port}` }),
      status: 200,
    },
    {
      name: 'scoring under Host localhost',
      method: 'post',
      path: '/v1/score',
      headers: port => ({ host: `localhost:${port}` }),
      status: 200,
    },
    {
      name: 'scoring under Host [::1]',
      method: 'post',
      path: '/v1/score',
      headers: port => ({ host: `[::1]:${port}` }),
      status: 200,
    },
    {
      name: 'scoring under a foreign Host',
      method: 'post',
      path: '/v1/score',
      headers: () => evil,
      status: 421,
    },
    {
      name: 'scoring under localhost on another port',
      method: 'post',
      path: '/v1/score',
      headers: port => ({ host: `localhost:${port + 1}` }),
      status: 421,
    },
    {
      name: 'metrics under a foreign Host (scrapers address pods by IP)',
      method: 'get',
      path: '/metrics',
      headers: () => evil,
      status: 200,
    },
    {
      name: 'liveness under a foreign Host',
      method: 'get',
      path: '/healthz',
      headers: () => evil,
      status: 200,
    },
  ];

  it.each(cases.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    const target = c.tokenless ? disabled : service;
    let req = request(target.url)[c.method](c.path);
    for (const [key, value] of Object.entries(c.headers(target.port))) {
      req = req.set(key, value);
    }
    if (c.method === 'post') {
      req = req.send({ customerId: 'c-00001', amount: 10, currency: 'EUR' });
    }
    const res = await req;
    expect(res.status).toBe(c.status);
    // Every refusal names its reason; only 401 asks for a Bearer token.
    expect(typeof res.body.error).toBe(
      c.status >= 400 ? 'string' : 'undefined',
    );
    expect(String(res.body.error)).toMatch(c.error ?? /.*/);
    expect(/^Bearer/.test(res.headers['www-authenticate'] ?? '')).toBe(
      c.status === 401,
    );
  });

  it('honours SCORING_ALLOWED_HOSTS', async () => {
    const named = await start({
      VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN,
      SCORING_ALLOWED_HOSTS: 'scoring.internal, scoring.example.com:443',
    });
    try {
      const get = (host: string) =>
        request(named.url).get('/admin/faults').set(asAdmin).set('host', host);
      expect((await get('scoring.internal')).status).toBe(200);
      expect((await get('scoring.example.com:443')).status).toBe(200);
      expect((await get(`localhost:${named.port}`)).status).toBe(421);
      expect((await get('scoring.example.com:444')).status).toBe(421);
    } finally {
      await named.shutdown('test done');
    }
  });
});

describe('scoring-api shutdown', () => {
  it('lets an in-flight request finish during shutdown', async () => {
    const metrics = new ServiceMetrics({ collectDefaults: false });
    const service = await startService(
      readConfig({ SCORING_PORT: '0', SCORING_REDIS_URL: 'none' }),
      { logger: silent, metrics },
    );
    service.faults.update({ latencyMs: 400 });
    const inFlight = request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00003', amount: 10, currency: 'EUR' });
    const pending = inFlight.then(r => r.status);
    // Shut down once the request is inside its injected delay, however long a
    // loaded machine takes to get it there.
    const delayed = async () =>
      (await metrics.faultsActive.get()).values.some(v => v.value > 0);
    while (!(await delayed())) await new Promise(r => setTimeout(r, 10));
    await service.shutdown('test');
    expect(await pending).toBe(200);
  });

  it('falls back to the in-process store when Redis is unreachable', async () => {
    const service = await startService(
      readConfig({
        SCORING_PORT: '0',
        SCORING_REDIS_URL: 'redis://127.0.0.1:1',
      }),
      {
        logger: silent,
        metrics: new ServiceMetrics({ collectDefaults: false }),
      },
    );
    try {
      expect(service.backend).toBe('memory');
      await request(service.url).get('/readyz').expect(200);
    } finally {
      await service.shutdown('test done');
    }
  });
});

describe('scoring-api release identity and scheduled faults', () => {
  let service: RunningService;
  let metrics: ServiceMetrics;

  beforeAll(async () => {
    metrics = new ServiceMetrics({ collectDefaults: false });
    service = await startService(
      readConfig({
        SCORING_PORT: '0',
        SCORING_REDIS_URL: 'none',
        SCORING_VERSION: '0.1.0+3f2a1bc',
        SCORING_COMMIT: '3f2a1bc',
        SCORING_COLOR: 'green',
        SCORING_FAULTS: '{"errorRate":1}',
        SCORING_FAULTS_AFTER_REQUESTS: '2',
      }),
      { logger: silent, metrics },
    );
  });

  afterAll(async () => {
    await service.shutdown('test done');
  });

  it('answers GET /version and exposes scoring_build_info', async () => {
    await request(service.url).get('/version').expect(200, {
      version: '0.1.0+3f2a1bc',
      commit: '3f2a1bc',
      color: 'green',
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'scoring_build_info{version="0.1.0+3f2a1bc",commit="3f2a1bc",color="green"} 1',
    );
  });

  it('fails scoring requests once SCORING_FAULTS_AFTER_REQUESTS were served', async () => {
    const body = { customerId: 'c-00001', amount: 10, currency: 'EUR' };
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await request(service.url).post('/v1/score').send(body)).status,
      );
    }
    expect(statuses).toEqual([200, 200, 500, 500]);
    // Probes are not affected: the broken release still looks ready.
    await request(service.url).get('/readyz').expect(200);
  });
});
