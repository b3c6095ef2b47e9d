import request from 'supertest';
import { createApp } from './app';
import { SANDBOX_SERVICES } from './catalog';
import { SandboxFaults } from './faults';
import { SandboxMetrics } from './metrics';

const TOKEN = 'sandbox-test-token-0123456789';

function setup(options: { random?: () => number } = {}) {
  const slept: number[] = [];
  const faults = new SandboxFaults(
    SANDBOX_SERVICES.map(s => s.name),
    options.random,
  );
  const metrics = new SandboxMetrics(SANDBOX_SERVICES, {
    collectDefaults: false,
  });
  const resets: string[] = [];
  const app = createApp({
    faults,
    metrics,
    adminToken: TOKEN,
    sleep: async ms => {
      slept.push(ms);
    },
    random: () => 0.5,
    resetHistory: async () => {
      resets.push('called');
      return { deleted: true, detail: 'deleted' };
    },
    traffic: () => ({
      running: true,
      requestsPerSecond: 3,
      sent: 7,
      failed: 0,
    }),
  });
  return { app, slept, metrics, resets };
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const order = { items: [{ sku: 'SKU-042', quantity: 2 }] };

describe('the synthetic services', () => {
  it('answers their routes with realistic statuses', async () => {
    const { app } = setup();
    const created = await request(app).post('/checkout/v1/orders').send(order);
    expect(created.status).toBe(201);
    const read = await request(app).get(
      `/checkout/v1/orders/${created.body.orderId}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual(order.items);
    expect((await request(app).get('/checkout/v1/orders/nope')).status).toBe(
      404,
    );
    expect((await request(app).get('/inventory/v1/items/SKU-001')).status).toBe(
      200,
    );
    expect((await request(app).get('/inventory/v1/items/SKU-999')).status).toBe(
      404,
    );
    const bad = await request(app)
      .post('/inventory/v1/reservations')
      .send({ sku: 'x', quantity: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/sku/);
  });

  it('counts requests by service and route template, 4xx apart from 5xx', async () => {
    const { app } = setup();
    await request(app).get('/checkout/v1/orders/o-1');
    await request(app).post('/checkout/v1/orders').send({ items: [] });
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain(
      'http_requests_total{service="sandbox-checkout",route="/v1/orders/:orderId",method="GET",status="404",sandbox="true"} 1\n',
    );
    expect(text).toContain(
      'http_requests_total{service="sandbox-checkout",route="/v1/orders",method="POST",status="400",sandbox="true"} 1\n',
    );
    expect(text).toContain(
      'http_requests_total{service="sandbox-checkout",route="/v1/orders",method="POST",status="500",sandbox="true"} 0\n',
    );
  });

  it('serves one service per scrape target with ?service=', async () => {
    const { app } = setup();
    const res = await request(app).get('/metrics?service=inventory');
    expect(res.status).toBe(200);
    expect(res.text).toContain('service="sandbox-inventory"');
    expect(res.text).not.toContain('service="sandbox-checkout"');
    const unknown = await request(app).get('/metrics?service=payroll');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/one of checkout, inventory/);
  });
});

describe('the admin API', () => {
  it.each`
    headers                                        | status
    ${{}}                                          | ${401}
    ${{ Authorization: 'Bearer wrong' }}           | ${401}
    ${{ Authorization: TOKEN }}                    | ${401}
    ${{ ...auth, 'Sec-Fetch-Site': 'cross-site' }} | ${403}
  `('refuses $headers with $status', async ({ headers, status }) => {
    const { app } = setup();
    const res = await request(app).get('/admin/services').set(headers);
    expect(res.status).toBe(status);
    expect(res.body.error).toEqual(expect.any(String));
  });

  it('lists the services with their catalog entities and faults', async () => {
    const { app } = setup();
    const res = await request(app).get('/admin/services').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.services).toEqual([
      expect.objectContaining({
        name: 'checkout',
        entityRef: 'component:sandbox/checkout',
        alertService: 'sandbox-checkout',
        faults: { errorRate: 0, latencyMs: 0 },
      }),
      expect.objectContaining({
        name: 'inventory',
        entityRef: 'component:sandbox/inventory',
      }),
    ]);
    expect(res.body.traffic).toEqual({
      running: true,
      requestsPerSecond: 3,
      sent: 7,
      failed: 0,
    });
  });

  it('injects errors into one service only', async () => {
    const { app } = setup();
    const put = await request(app)
      .put('/admin/services/checkout/faults')
      .set(auth)
      .send({ errorRate: 1 });
    expect(put.status).toBe(200);
    expect(put.body.faults).toEqual({ errorRate: 1, latencyMs: 0 });
    const failed = await request(app).post('/checkout/v1/orders').send(order);
    expect(failed.status).toBe(500);
    expect(failed.body.error).toBe('injected fault: checkout failed');
    expect((await request(app).get('/inventory/v1/items/SKU-001')).status).toBe(
      200,
    );
    const text = (await request(app).get('/metrics')).text;
    expect(text).toContain(
      'http_requests_total{service="sandbox-checkout",route="/v1/orders",method="POST",status="500",sandbox="true"} 1\n',
    );
    expect(text).toContain(
      'sandbox_fault_error_rate{service="sandbox-checkout",sandbox="true"} 1\n',
    );
  });

  it('adds the injected latency to each request', async () => {
    const { app, slept } = setup();
    await request(app)
      .put('/admin/services/inventory/faults')
      .set(auth)
      .send({ latencyMs: 1500 });
    await request(app).get('/inventory/v1/items/SKU-001');
    expect(slept).toContain(1500);
  });

  it.each`
    body                                | message
    ${{ errorRate: 1.5 }}               | ${/errorRate: Number must be less than or equal to 1/}
    ${{ errorRate: -0.1 }}              | ${/errorRate: Number must be greater than or equal to 0/}
    ${{ errorRate: '0.5' }}             | ${/errorRate: Expected number, received string/}
    ${{ latencyMs: 20000 }}             | ${/latencyMs: Number must be less than or equal to 10000/}
    ${{ latencyMs: 1.5 }}               | ${/latencyMs: Expected integer/}
    ${{ errorRate: 0.5, outage: true }} | ${/Unrecognized key\(s\) in object: 'outage'/}
    ${[0.5]}                            | ${/Expected object, received array/}
  `('answers 400 to $body', async ({ body, message }) => {
    const { app } = setup();
    const res = await request(app)
      .put('/admin/services/checkout/faults')
      .set(auth)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
    expect(res.body.error).toMatch(/expected \{"errorRate": 0 to 1/);
  });

  it('answers 415 to a body that is not JSON and 400 to broken JSON', async () => {
    const { app } = setup();
    const text = await request(app)
      .put('/admin/services/checkout/faults')
      .set(auth)
      .set('Content-Type', 'text/plain')
      .send('errorRate=1');
    expect(text.status).toBe(415);
    const broken = await request(app)
      .put('/admin/services/checkout/faults')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"errorRate":');
    expect(broken.status).toBe(400);
  });

  it('answers 404 naming the services for an unknown one', async () => {
    const { app } = setup();
    const res = await request(app)
      .put('/admin/services/payroll/faults')
      .set(auth)
      .send({ errorRate: 1 });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/one of checkout, inventory/);
  });

  it('resets every fault and the Prometheus history', async () => {
    const { app, resets } = setup();
    await request(app)
      .put('/admin/services/checkout/faults')
      .set(auth)
      .send({ errorRate: 0.5, latencyMs: 100 });
    const res = await request(app).post('/admin/reset').set(auth);
    expect(res.status).toBe(200);
    expect(resets).toEqual(['called']);
    expect(res.body.prometheus).toEqual({ deleted: true, detail: 'deleted' });
    expect(res.body.services.map((s: any) => s.faults)).toEqual([
      { errorRate: 0, latencyMs: 0 },
      { errorRate: 0, latencyMs: 0 },
    ]);
    expect(
      (await request(app).post('/checkout/v1/orders').send(order)).status,
    ).toBe(201);
  });
});
