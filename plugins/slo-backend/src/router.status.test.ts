import { expectConforms, testBackends } from './__testUtils__/backend';

const { startBackend } = testBackends();

describe('GET /status', () => {
  it('reports an outage from the shared record and marks kept values stale', async () => {
    const { alice, store } = await startBackend();
    await alice.post('/refresh');

    // No Prometheus in the test config, and no cycle yet.
    const before = await alice.get('/status');
    expect(before.status).toBe(200);
    expectConforms('GET /status', before);
    expect(before.body).toEqual({
      enabled: false,
      prometheus: 'unknown',
      unreachableSince: null,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      stalled: false,
    });

    // As another replica's evaluator would record them.
    const now = Date.now();
    // Younger than three evaluation intervals (the default 15 s): stale
    // below only because Prometheus is unreachable.
    const computedAt = now - 20_000;
    await store.recordEvaluationOutcome({ at: computedAt, ok: true });
    await store.recordEvaluations([
      {
        sloId: 'checkout-availability',
        entityRef: 'component:default/checkout',
        evaluatedAt: computedAt,
        sli: 0.0005,
        budgetRemaining: 0.5,
        burnRates: { '5m': 0.5 },
        firingAlert: null,
        firingAlerts: [],
        status: 'ok',
      },
    ]);
    const checkout = async () =>
      (
        await alice.get('/entities/component/default/checkout/slos')
      ).body.slos.find(
        (slo: { sloId: string }) => slo.sloId === 'checkout-availability',
      );
    expect((await alice.get('/status')).body).toMatchObject({
      prometheus: 'reachable',
      lastSuccessAt: new Date(computedAt).toISOString(),
    });
    expect(await checkout()).toMatchObject({ stale: false });

    await store.recordEvaluationOutcome({
      at: now - 10_000,
      ok: false,
      error:
        'Prometheus at http://admin:hunter2@prometheus:9090/ is unreachable',
    });
    await store.recordEvaluationOutcome({
      at: now - 5_000,
      ok: false,
      error: 'Prometheus is unreachable (circuit open)',
    });
    const during = await alice.get('/status');
    expectConforms('GET /status', during);
    expect(during.body).toMatchObject({
      prometheus: 'unreachable',
      unreachableSince: new Date(now - 10_000).toISOString(),
      lastAttemptAt: new Date(now - 5_000).toISOString(),
      lastSuccessAt: new Date(computedAt).toISOString(),
      lastError: 'Prometheus is unreachable (circuit open)',
    });
    // The figures are the last ones computed, with their time.
    expect(await checkout()).toMatchObject({
      stale: true,
      budgetRemaining: 0.5,
      evaluatedAt: new Date(computedAt).toISOString(),
    });

    await store.recordEvaluationOutcome({ at: now, ok: true });
    await store.recordEvaluations([
      {
        sloId: 'checkout-availability',
        entityRef: 'component:default/checkout',
        evaluatedAt: now,
        sli: 0.0004,
        budgetRemaining: 0.6,
        burnRates: {},
        firingAlert: null,
        firingAlerts: [],
        status: 'ok',
      },
    ]);
    expect((await alice.get('/status')).body).toMatchObject({
      prometheus: 'reachable',
      unreachableSince: null,
      lastError: null,
    });
    expect(await checkout()).toMatchObject({
      stale: false,
      budgetRemaining: 0.6,
    });
  });

  it('never shows credentials from an error', async () => {
    const { alice, store } = await startBackend();
    await store.recordEvaluationOutcome({
      at: Date.now(),
      ok: false,
      error:
        'Prometheus at http://admin:hunter2@prometheus:9090/ is unreachable',
    });
    const res = await alice.get('/status');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    expect(res.body.lastError).toContain('http://***@prometheus:9090/');
  });
});
