import request from 'supertest';
import pino from 'pino';
import { readConfig } from './config';
import { RunningService, startService } from './service';
import { ServiceMetrics } from './metrics';

const silent = pino({ level: 'silent' });

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
    await request(service.url).delete('/admin/faults').expect(200);
    await request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00001', amount: 10, currency: 'EUR' })
      .expect(200);
  });

  it('injects latency', async () => {
    await request(service.url)
      .patch('/admin/faults')
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
      .send(features)
      .expect(204);
    const res = await request(service.url)
      .get('/v1/features/test-cust')
      .expect(200);
    expect(res.body.features).toEqual(features);
    await request(service.url).get('/v1/features/nobody-here').expect(404);
  });
});

describe('scoring-api admin token and shutdown', () => {
  it('requires the admin token when one is set', async () => {
    const service = await startService(
      readConfig({
        SCORING_PORT: '0',
        SCORING_REDIS_URL: 'none',
        SCORING_ADMIN_TOKEN: 's3cret-token',
      }),
      {
        logger: silent,
        metrics: new ServiceMetrics({ collectDefaults: false }),
      },
    );
    try {
      const anonymous = await request(service.url).get('/admin/faults');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error).toMatch(/SCORING_ADMIN_TOKEN/);
      const wrong = await request(service.url)
        .get('/admin/faults')
        .set('authorization', 'Bearer wrong');
      expect(wrong.status).toBe(401);
      const right = await request(service.url)
        .get('/admin/faults')
        .set('authorization', 'Bearer s3cret-token');
      expect(right.status).toBe(200);
    } finally {
      await service.shutdown('test done');
    }
  });

  it('lets an in-flight request finish during shutdown', async () => {
    const service = await startService(
      readConfig({ SCORING_PORT: '0', SCORING_REDIS_URL: 'none' }),
      {
        logger: silent,
        metrics: new ServiceMetrics({ collectDefaults: false }),
      },
    );
    service.faults.update({ latencyMs: 400 });
    const inFlight = request(service.url)
      .post('/v1/score')
      .send({ customerId: 'c-00003', amount: 10, currency: 'EUR' });
    const pending = inFlight.then(r => r.status);
    await new Promise(r => setTimeout(r, 100));
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
