import { expectConforms, SECRET, testBackends } from './__testUtils__/backend';

const { startBackend } = testBackends();

describe('the SLO API', () => {
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
});
