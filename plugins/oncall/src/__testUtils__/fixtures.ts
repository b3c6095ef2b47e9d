import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type {
  EscalationPolicy,
  OnCallAnswer,
  OnCallApi,
  PageJson,
  Schedule,
  ScheduleTimeline,
} from '../api';

const user = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName, email: `${name}@example.com` } },
});

export const alice = user('alice', 'Alice Adams');
export const bob = user('bob', 'Bob Brown');

export const paymentsGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [
    { type: 'hasMember', targetRef: 'user:default/alice' },
    { type: 'hasMember', targetRef: 'user:default/bob' },
  ],
};

export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'scoring-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

export function fakeCatalog() {
  return catalogApiMock({ entities: [alice, bob, paymentsGroup, scoringApi] });
}

export const HOUR = 3_600_000;

export function makeSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sched-1',
    ownerRef: 'group:default/payments',
    name: 'Payments primary',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        id: 'layer-1',
        name: 'Daily',
        rotation: { unit: 'day', length: 1 },
        start: '2026-03-01T09:00',
        participants: ['user:default/alice', 'user:default/bob'],
        restrictions: [],
      },
    ],
    version: 1,
    createdAt: '2026-02-01T00:00:00Z',
    updatedAt: '2026-02-01T00:00:00Z',
    ...overrides,
  };
}

export function makeOnCall(
  overrides: Partial<OnCallAnswer> = {},
): OnCallAnswer {
  // A minute ahead, so relative times (rounded toward zero) read whole hours.
  const now = Date.now() + 60_000;
  return {
    at: new Date(now).toISOString(),
    ownerRef: 'group:default/payments',
    policy: { id: 'pol-1', name: 'Payments escalation' },
    schedules: [
      {
        scheduleId: 'sched-1',
        scheduleName: 'Payments primary',
        timeZone: 'Europe/Berlin',
        at: new Date(now).toISOString(),
        userRefs: ['user:default/alice'],
        until: new Date(now + 3 * HOUR).toISOString(),
        next: {
          userRefs: ['user:default/bob'],
          start: new Date(now + 3 * HOUR).toISOString(),
        },
      },
    ],
    ...overrides,
  };
}

/** A timeline over [from, to): alice then bob, with a 2-hour gap at 30 h. */
export function makeTimeline(from: number, to: number): ScheduleTimeline {
  const iso = (ms: number) => new Date(ms).toISOString();
  const gapStart = from + 30 * HOUR;
  return {
    scheduleId: 'sched-1',
    timeZone: 'Europe/Berlin',
    from: iso(from),
    to: iso(to),
    layers: [
      {
        layerId: 'layer-1',
        name: 'Daily',
        shifts: [
          {
            index: 0,
            start: iso(from),
            end: iso(gapStart),
            userRef: 'user:default/alice',
          },
          {
            index: 1,
            start: iso(gapStart + 2 * HOUR),
            end: iso(to),
            userRef: 'user:default/bob',
          },
        ],
      },
    ],
    overrides: [],
    temporarySchedules: [],
    final: [
      {
        start: iso(from),
        end: iso(gapStart),
        userRefs: ['user:default/alice'],
        gap: false,
        source: 'layer',
        layerId: 'layer-1',
      },
      {
        start: iso(gapStart),
        end: iso(gapStart + 2 * HOUR),
        userRefs: [],
        gap: true,
        source: 'none',
      },
      {
        start: iso(gapStart + 2 * HOUR),
        end: iso(to),
        userRefs: ['user:default/bob'],
        gap: false,
        source: 'layer',
        layerId: 'layer-1',
      },
    ],
    gaps: [{ start: iso(gapStart), end: iso(gapStart + 2 * HOUR) }],
  };
}

export function makePolicy(
  overrides: Partial<EscalationPolicy> = {},
): EscalationPolicy {
  return {
    id: 'pol-1',
    ownerRef: 'group:default/payments',
    name: 'Payments escalation',
    repeat: 1,
    steps: [
      { delayMinutes: 0, targets: [{ kind: 'schedule', ref: 'sched-1' }] },
    ],
    version: 4,
    createdAt: '2026-02-01T00:00:00Z',
    updatedAt: '2026-02-01T00:00:00Z',
    ...overrides,
  };
}

export function makePage(overrides: Partial<PageJson> = {}): PageJson {
  return {
    id: 'page-1',
    entityRef: 'component:default/scoring-api',
    ownerRef: 'group:default/payments',
    title: 'Scoring API is down',
    severity: 'high',
    policyId: 'pol-1',
    policyName: 'Payments escalation',
    status: 'open',
    openedAt: '2026-03-02T10:00:00Z',
    openedBy: 'user:default/bob',
    deliveries: [
      {
        repeatIndex: 0,
        stepIndex: 0,
        userRef: 'user:default/alice',
        channel: 'notification',
        via: 'schedule Payments primary',
        at: '2026-03-02T10:00:05Z',
      },
    ],
    ...overrides,
  };
}

/** OnCallApi whose methods are jest mocks, so tests can read their calls. */
export type FakeOnCallApi = {
  [K in keyof OnCallApi]: jest.MockedFunction<OnCallApi[K]>;
};

/** A fake OnCallApi with sensible answers; `overrides` replace some. */
export function fakeOnCallApi(
  overrides: Partial<OnCallApi> = {},
): FakeOnCallApi {
  const defaults: OnCallApi = {
    listSchedules: async () => ({ items: [makeSchedule()], total: 1 }),
    getSchedule: async () => makeSchedule(),
    createSchedule: async request =>
      makeSchedule({ ...request, layers: [] } as never),
    updateSchedule: async () => makeSchedule({ version: 2 }),
    deleteSchedule: async () => undefined,
    getTimeline: async (_id, range) =>
      makeTimeline(Date.parse(range!.from!), Date.parse(range!.to!)),
    getScheduleOnCall: async () => makeOnCall().schedules[0],
    createOverride: async (scheduleId, request) => ({
      id: 'ovr-1',
      scheduleId,
      createdBy: 'user:default/alice',
      ...request,
    }),
    deleteOverride: async () => undefined,
    getOnCall: async () => makeOnCall(),
    getMyShifts: async () => ({ items: [] }),
    listPolicies: async () => ({ items: [makePolicy()], total: 1 }),
    getPolicy: async () => makePolicy(),
    createPolicy: async () => makePolicy(),
    updatePolicy: async () => makePolicy({ version: 5 }),
    deletePolicy: async () => undefined,
    createPage: async () => ({
      outcome: 'paged',
      page: makePage(),
      pagedUserRefs: ['user:default/alice'],
      message: 'Paged Alice Adams through Payments escalation.',
    }),
    listPages: async () => ({ items: [], total: 0 }),
    getPage: async () => makePage(),
    acknowledgePage: async () => makePage({ status: 'acknowledged' }),
    createCalendarToken: async () => ({
      id: 'tok-1',
      kind: 'user',
      subject: 'user:default/alice',
      url: 'https://vigil.example/api/oncall/calendars/s3cr3t.ics',
      createdAt: '2026-03-02T10:00:00Z',
    }),
    listCalendarTokens: async () => ({ items: [] }),
    revokeCalendarToken: async () => undefined,
  };
  const fake = {} as Record<string, jest.Mock>;
  for (const [name, fn] of Object.entries({ ...defaults, ...overrides })) {
    fake[name] = jest.fn(fn as (...args: any[]) => any);
  }
  return fake as unknown as FakeOnCallApi;
}
