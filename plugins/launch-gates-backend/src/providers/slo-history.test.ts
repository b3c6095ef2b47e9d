import { sloHistoryProvider } from './slo-history';
import {
  startFakePlugins,
  type FakePlugins,
  type FakeRoute,
} from './__testUtils__/fakePlugins';
import { runCheck } from './__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:02:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** An SLO as GET /entities/.../slos lists it (slo-common `Slo`). */
function slo(sloId: string, name: string) {
  return {
    sloId,
    entityRef: 'component:default/scoring-api',
    service: 'scoring-api',
    name,
    description: null,
    objectivePercent: 99.9,
    period: '30d',
    owner: 'group:default/payments',
    system: 'system:default/risk-scoring',
    lifecycle: 'production',
    status: 'ok',
    evaluatedAt: '2026-12-01T12:01:00.000Z',
    stale: false,
    sli: 0.0002,
    budgetRemaining: 0.8,
    burnRates: { '5m': 0, '1h': 0.1 },
    firingAlert: null,
    firingAlerts: [],
    error: null,
  };
}

/** GET /slos/{sloId}: `met` over the range, history starting `historyDays` ago. */
function detail(
  sloId: string,
  met: boolean | null,
  historyDays: number,
  query: URLSearchParams,
) {
  const to = query.get('to')!;
  const first = new Date(Date.parse(to) - historyDays * DAY).toISOString();
  const evaluations =
    met === null
      ? []
      : [
          {
            evaluatedAt: first,
            sli: 0.0001,
            budgetRemaining: 0.9,
            burnRates: { '5m': 0 },
            firingAlert: null,
            firingAlerts: [],
            status: 'ok',
          },
        ];
  return {
    slo: slo(sloId, sloId.split('-').pop()!),
    history: {
      from: query.get('from'),
      to,
      summary: {
        evaluations: met === null ? 0 : 4000,
        evaluationsWithData: met === null ? 0 : 4000,
        evaluationsOverBudget: met === false ? 12 : 0,
        met,
      },
      evaluations,
    },
  };
}

function sloRoutes(
  slos: Array<{ id: string; met: boolean | null; historyDays: number }>,
): FakeRoute[] {
  return [
    {
      plugin: 'slo',
      operation: 'GET /entities/{kind}/{namespace}/{name}/slos',
      answer: params => ({
        body: {
          entityRef: `${params.kind}:${params.namespace}/${params.name}`,
          specSource: { type: 'file', target: 'packages/scoring-api/slo.yaml' },
          errors: [],
          warnings: [],
          refreshedAt: '2026-12-01T12:00:00.000Z',
          slos: slos.map(s => slo(s.id, s.id)),
        },
      }),
    },
    {
      plugin: 'slo',
      operation: 'GET /slos/{sloId}',
      answer: (params, query) => {
        const found = slos.find(s => s.id === params.sloId)!;
        return { body: detail(found.id, found.met, found.historyDays, query) };
      },
    },
  ];
}

describe('the slo-history provider against the SLO API', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());

  it.each([
    {
      name: 'two SLOs met over 28 days of history pass',
      slos: [
        { id: 'scoring-api-availability', met: true, historyDays: 40 },
        { id: 'scoring-api-latency', met: true, historyDays: 40 },
      ],
      status: 'pass',
      measurements: {
        slos: 2,
        slosMissed: 0,
        slosWithoutData: 0,
        historyDays: 28,
      },
    },
    {
      name: 'a fresh portal with hours of history fails honestly',
      slos: [{ id: 'scoring-api-availability', met: true, historyDays: 0.25 }],
      status: 'fail',
      measurements: { slos: 1, slosMissed: 0, historyDays: 0.2 },
    },
    {
      name: 'a missed SLO fails',
      slos: [
        { id: 'scoring-api-availability', met: false, historyDays: 40 },
        { id: 'scoring-api-latency', met: true, historyDays: 40 },
      ],
      status: 'fail',
      measurements: { slos: 2, slosMissed: 1 },
    },
    {
      name: 'an SLO without data has no history and fails',
      slos: [{ id: 'scoring-api-availability', met: null, historyDays: 0 }],
      status: 'fail',
      measurements: { slos: 1, slosWithoutData: 1, historyDays: 0 },
    },
    {
      name: 'an entity without SLOs fails',
      slos: [],
      status: 'fail',
      measurements: { slos: 0, historyDays: null },
    },
  ])('$name', async ({ slos, status, measurements }) => {
    plugins.setRoutes(sloRoutes(slos));
    const result = await runCheck({
      provider: sloHistoryProvider,
      plugins,
      params: { days: 28 },
      now: NOW,
    });
    expect(plugins.contractProblems).toEqual([]);
    expect(result.status).toBe(status);
    expect(result.evidence.measurements).toMatchObject(measurements);
    expect(result.evidence.links).toEqual([
      {
        title: 'SLOs of the entity',
        url: 'http://localhost:3000/catalog/component/default/scoring-api/slos',
      },
    ]);
  });

  it('reads with a plugin request token for the SLO plugin, over the window ending at the cycle', async () => {
    plugins.setRoutes(
      sloRoutes([
        { id: 'scoring-api-availability', met: true, historyDays: 40 },
      ]),
    );
    await runCheck({ provider: sloHistoryProvider, plugins, now: NOW });
    expect(plugins.requests.map(r => r.path)).toEqual([
      '/entities/component/default/scoring-api/slos',
      '/slos/scoring-api-availability?from=2026-11-03T12:00:00.000Z&to=2026-12-01T12:00:00.000Z&points=2000&limit=1',
    ]);
    for (const request of plugins.requests) {
      expect(request.authorization).toMatch(/^Bearer mock-service-token/);
      expect(request.authorization).toContain('"target":"slo"');
    }
  });

  it.each([
    {
      name: 'the SLO plugin does not know the entity',
      routes: [] as FakeRoute[],
      reason: /the SLO plugin does not know the entity|answered 404/,
    },
    {
      name: 'an SLO history answers 500',
      routes: [
        sloRoutes([{ id: 'x', met: true, historyDays: 40 }])[0],
        {
          plugin: 'slo',
          operation: 'GET /slos/{sloId}',
          answer: () => ({
            status: 500,
            body: { error: { name: 'Error', message: 'Internal error' } },
          }),
        },
      ],
      reason:
        /history of SLO x: the slo API \(GET \/slos\/x\) answered 500: Internal error/,
    },
  ])('is unknown, never pass, when $name', async ({ routes, reason }) => {
    plugins.setRoutes(routes);
    const result = await runCheck({
      provider: sloHistoryProvider,
      plugins,
      now: NOW,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toMatch(reason);
  });
});
