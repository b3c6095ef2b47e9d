import { oncallCoverageProvider } from './oncall-coverage';
import {
  startFakePlugins,
  type FakePlugins,
  type FakeRoute,
} from './__testUtils__/fakePlugins';
import { runCheck, SCORING_API_REF } from './__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:03:00Z');
// The window looks ahead from now rounded up to five minutes.
const FROM = '2026-12-01T12:05:00.000Z';
const TO = '2026-12-15T12:05:00.000Z';

/** GET /on-call (oncall-common `OnCallAnswer`). */
function onCallAnswer(scheduleIds: string[], policy: boolean) {
  return {
    at: NOW.toISOString(),
    ownerRef: 'group:default/payments',
    schedules: scheduleIds.map(id => ({
      scheduleId: id,
      scheduleName: `Payments ${id}`,
      timeZone: 'Europe/Berlin',
      at: NOW.toISOString(),
      userRefs: ['user:default/alice'],
      until: '2026-12-02T08:00:00.000Z',
      next: {
        userRefs: ['user:default/bob'],
        start: '2026-12-02T08:00:00.000Z',
      },
    })),
    policy: policy ? { id: 'pol-1', name: 'Payments default' } : null,
  };
}

/** GET /schedules/{id}/timeline (oncall-common `ScheduleTimeline`) with gaps. */
function timeline(
  scheduleId: string,
  query: URLSearchParams,
  gaps: Array<[string, string]>,
) {
  return {
    scheduleId,
    timeZone: 'Europe/Berlin',
    from: query.get('from'),
    to: query.get('to'),
    layers: [
      {
        layerId: 'l1',
        name: 'Primary',
        shifts: [
          {
            index: 0,
            start: query.get('from'),
            end: query.get('to'),
            userRef: 'user:default/alice',
          },
        ],
      },
    ],
    overrides: [],
    temporarySchedules: [],
    final: gaps.map(([start, end]) => ({
      start,
      end,
      userRefs: [],
      gap: true,
      source: 'none',
    })),
    gaps: gaps.map(([start, end]) => ({ start, end })),
  };
}

function onCallRoutes(
  schedules: Record<string, Array<[string, string]>>,
  policy: boolean,
): FakeRoute[] {
  return [
    {
      plugin: 'oncall',
      operation: 'GET /on-call',
      answer: (_, query) =>
        query.get('entityRef') === SCORING_API_REF
          ? { body: onCallAnswer(Object.keys(schedules), policy) }
          : {
              status: 404,
              body: { error: { name: 'NotFoundError', message: 'No entity' } },
            },
    },
    {
      plugin: 'oncall',
      operation: 'GET /schedules/{id}/timeline',
      answer: (params, query) => ({
        body: timeline(params.id, query, schedules[params.id]),
      }),
    },
  ];
}

describe('the oncall-coverage provider against the on-call API', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());

  it.each([
    {
      name: 'a gapless schedule and a policy pass',
      schedules: { s1: [] },
      policy: true,
      status: 'pass',
      measurements: { schedules: 1, gapMinutes: 0, escalationPolicies: 1 },
    },
    {
      name: 'a gap of 90 minutes fails',
      schedules: {
        s1: [['2026-12-05T00:00:00.000Z', '2026-12-05T01:30:00.000Z']],
      },
      policy: true,
      status: 'fail',
      measurements: { gapMinutes: 90 },
    },
    {
      name: "one schedule's gap covered by another schedule is no gap",
      schedules: {
        s1: [['2026-12-05T00:00:00.000Z', '2026-12-05T01:30:00.000Z']],
        s2: [['2026-12-05T01:00:00.000Z', '2026-12-05T03:00:00.000Z']],
      },
      policy: true,
      status: 'fail',
      measurements: { schedules: 2, gapMinutes: 30 },
    },
    {
      name: 'no escalation policy fails',
      schedules: { s1: [] },
      policy: false,
      status: 'fail',
      measurements: { gapMinutes: 0, escalationPolicies: 0 },
    },
    {
      name: 'no schedule at all is a gap over the whole window',
      schedules: {},
      policy: true,
      status: 'fail',
      measurements: { schedules: 0, gapMinutes: 14 * 24 * 60 },
    },
  ])('$name', async ({ schedules, policy, status, measurements }) => {
    plugins.setRoutes(
      onCallRoutes(
        schedules as Record<string, Array<[string, string]>>,
        policy,
      ),
    );
    const result = await runCheck({
      provider: oncallCoverageProvider,
      plugins,
      params: { days: 14 },
      now: NOW,
    });
    expect(plugins.contractProblems).toEqual([]);
    expect(result.status).toBe(status);
    expect(result.evidence.measurements).toEqual(
      expect.objectContaining(measurements),
    );
  });

  it('reads each schedule over the next 14 days from the cycle', async () => {
    plugins.setRoutes(onCallRoutes({ s1: [] }, true));
    await runCheck({ provider: oncallCoverageProvider, plugins, now: NOW });
    expect(plugins.requests.map(r => r.path)).toEqual([
      '/on-call?entityRef=component%3Adefault%2Fscoring-api',
      `/schedules/s1/timeline?from=${FROM}&to=${TO}`,
    ]);
  });

  it('is unknown when the on-call plugin does not know the entity', async () => {
    plugins.setRoutes(onCallRoutes({}, true));
    const result = await runCheck({
      provider: oncallCoverageProvider,
      plugins,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'ghost', namespace: 'default' },
      },
      now: NOW,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toMatch(
      /^the on-call plugin does not know the entity: the oncall API \(GET \/on-call\) answered 404: No entity$/,
    );
  });
});
