import { ALICE, expectConforms, startBackend } from './__testUtils__/backend';
import { ADMIN_TOKEN, closedPort, startStandIn } from './__testUtils__/standIn';

describe('the sandbox API', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  beforeEach(async () => {
    standIn = await startStandIn();
  });
  afterEach(() => standIn.close());

  const running = () =>
    startBackend({
      pluginsUrl: standIn.url,
      sandbox: { serviceUrl: standIn.url, adminToken: ADMIN_TOKEN },
    });

  it('needs an authenticated user or service', async () => {
    const { anonymous } = await running();
    for (const res of [
      await anonymous.get('/services'),
      await anonymous
        .put('/services/checkout/faults')
        .send({ errorRate: 0.5, latencyMs: 0 }),
      await anonymous.post('/reset'),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it('lists the sandbox components with their faults and SLOs', async () => {
    const { alice } = await running();
    standIn.faults.set('checkout', { errorRate: 0.3, latencyMs: 250 });
    const res = await alice.get('/services');
    expect(res.status).toBe(200);
    expectConforms('GET /services', res);
    expect(res.body).toEqual({
      running: true,
      startCommand: './vigil start --sandbox',
      services: [
        {
          name: 'checkout',
          entityRef: 'component:sandbox/checkout',
          title: 'Checkout (sandbox, synthetic)',
          faults: { errorRate: 0.3, latencyMs: 250 },
          slos: [
            {
              sloId: 'sandbox-checkout-availability',
              name: 'availability',
              status: 'breaching',
              objectivePercent: 99.5,
              budgetRemaining: -0.2,
            },
          ],
        },
        {
          name: 'inventory',
          entityRef: 'component:sandbox/inventory',
          faults: { errorRate: 0, latencyMs: 0 },
          slos: [],
        },
      ],
    });
    // The SLOs were read on the user's behalf.
    const sloCall = standIn.received.find(r => r.path.includes('/slos'));
    expect(sloCall?.authorization).toContain(`"obo":"${ALICE}"`);
    expect(sloCall?.authorization).toContain('"target":"slo"');
  });

  it('says the sandbox is not running, and how to start it', async () => {
    const port = await closedPort();
    const { alice } = await startBackend({
      pluginsUrl: standIn.url,
      sandbox: {
        serviceUrl: `http://127.0.0.1:${port}`,
        adminToken: ADMIN_TOKEN,
      },
    });
    const res = await alice.get('/services');
    expect(res.status).toBe(200);
    expectConforms('GET /services', res);
    expect(res.body.running).toBe(false);
    expect(res.body.message).toMatch(
      /The sandbox is not running \(nothing answers at http:\/\/127\.0\.0\.1:\d+\)\. Start the portal with `\.\/vigil start --sandbox`/,
    );
    expect(res.body.services.map((s: any) => [s.name, s.faults])).toEqual([
      ['checkout', undefined],
      ['inventory', undefined],
    ]);

    const put = await alice
      .put('/services/checkout/faults')
      .send({ errorRate: 0.5, latencyMs: 0 });
    expect(put.status).toBe(503);
    expectConforms('PUT /services/{name}/faults', put);
    expect(put.body.error.message).toContain('./vigil start --sandbox');
  });

  it('says when no admin token is configured, or a wrong one', async () => {
    for (const [adminToken, reason] of [
      [undefined, /vigil\.sandbox\.adminToken is not set/],
      ['wrong-token', /refused vigil\.sandbox\.adminToken/],
    ] as const) {
      const { alice } = await startBackend({
        pluginsUrl: standIn.url,
        sandbox: {
          serviceUrl: standIn.url,
          ...(adminToken && { adminToken }),
        },
      });
      const res = await alice.get('/services');
      expect(res.body.running).toBe(false);
      expect(res.body.message).toMatch(reason);
    }
  });

  it('injects faults for signed-in users, audited; refuses the read-only guest', async () => {
    const { alice, guest, auditor } = await running();
    const res = await alice
      .put('/services/checkout/faults')
      .send({ errorRate: 0.5, latencyMs: 300 });
    expect(res.status).toBe(200);
    expectConforms('PUT /services/{name}/faults', res);
    expect(res.body).toEqual({
      name: 'checkout',
      entityRef: 'component:sandbox/checkout',
      faults: { errorRate: 0.5, latencyMs: 300 },
    });
    expect(standIn.faults.get('checkout')).toEqual({
      errorRate: 0.5,
      latencyMs: 300,
    });
    const adminCall = standIn.received.find(r => r.method === 'PUT');
    expect(adminCall?.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'sandbox-faults-update',
        meta: { service: 'checkout', errorRate: 0.5, latencyMs: 300 },
      }),
    );

    const refused = await guest
      .put('/services/checkout/faults')
      .send({ errorRate: 0.9, latencyMs: 0 });
    expect(refused.status).toBe(403);
    expectConforms('PUT /services/{name}/faults', refused);
    expect(refused.body.error.message).toContain('sandbox.faults.update');
    expect(standIn.faults.get('checkout')?.errorRate).toBe(0.5);
  });

  it.each([
    [{ errorRate: 1.5, latencyMs: 0 }, /errorRate/],
    [{ errorRate: 0.5, latencyMs: 20000 }, /latencyMs/],
    [{ errorRate: 0.5 }, /latencyMs/],
    [{ errorRate: '0.5', latencyMs: 0 }, /errorRate/],
    [{ errorRate: 0.5, latencyMs: 0, everything: true }, /everything/],
  ])('refuses faults %j with a 400', async (body, field) => {
    const { alice } = await running();
    const res = await alice.put('/services/checkout/faults').send(body);
    expect(res.status).toBe(400);
    expectConforms('PUT /services/{name}/faults', res);
    expect(res.body.error.message).toMatch(field);
  });

  it('answers 404 for a service that is not a sandbox component', async () => {
    const { alice } = await running();
    for (const name of ['payments', 'sandbox']) {
      const res = await alice
        .put(`/services/${name}/faults`)
        .send({ errorRate: 0.5, latencyMs: 0 });
      expect([name, res.status]).toEqual([name, 404]);
      expectConforms('PUT /services/{name}/faults', res);
    }
    expect(
      (await alice.put('/services/..%2F..%2Fx/faults').send({})).status,
    ).toBe(400);
  });

  it('resets: clears faults, then purges incidents and SLO history as the sandbox plugin', async () => {
    const { alice, guest, auditor, auditorEvent } = await running();
    standIn.faults.set('inventory', { errorRate: 1, latencyMs: 0 });

    const refused = await guest.post('/reset');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('sandbox.reset');

    const res = await alice.post('/reset');
    expect(res.status).toBe(200);
    expectConforms('POST /reset', res);
    expect(res.body).toEqual({
      complete: true,
      faults: { ok: true, prometheusHistory: 'deleted the sandbox series' },
      incidents: { ok: true, incidents: 2, postmortems: 1, actionItems: 3 },
      slo: { ok: true, evaluations: 40 },
    });
    expect(standIn.faults.get('inventory')).toEqual({
      errorRate: 0,
      latencyMs: 0,
    });
    for (const plugin of ['incidents', 'slo']) {
      const purge = standIn.received.find(
        r => r.path === `/api/${plugin}/purge`,
      );
      expect(purge?.body).toEqual({ namespace: 'sandbox' });
      // Its own service credentials, not the user's.
      expect(purge?.authorization).toContain('"sub":"plugin:sandbox"');
      expect(purge?.authorization).toContain(`"target":"${plugin}"`);
    }
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'sandbox-reset' }),
    );
    expect(auditorEvent.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ complete: true }),
    });
  });

  it('runs every reset step and reports the ones that failed', async () => {
    standIn.behaviour.incidentsPurgeStatus = 500;
    const port = await closedPort();
    const { alice } = await startBackend({
      pluginsUrl: standIn.url,
      sandbox: {
        serviceUrl: `http://127.0.0.1:${port}`,
        adminToken: ADMIN_TOKEN,
      },
    });
    const res = await alice.post('/reset');
    expect(res.status).toBe(200);
    expectConforms('POST /reset', res);
    expect(res.body).toEqual({
      complete: false,
      faults: {
        ok: false,
        error: expect.stringContaining('./vigil start --sandbox'),
      },
      incidents: {
        ok: false,
        error: 'The incidents backend answered 500: database is down',
      },
      slo: { ok: true, evaluations: 40 },
    });
  });

  it('refuses unknown query parameters', async () => {
    const { alice } = await running();
    const res = await alice.get('/services?all=true');
    expect(res.status).toBe(400);
    expectConforms('GET /services', res);
  });
});
