import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { IncidentsApi } from '../api/IncidentsApi';
import type {
  ActionItemWithContext,
  Incident,
  IncidentDetails,
  IncidentPermissions,
  IncidentMetricsResponse,
  IncidentsUiConfig,
  Postmortem,
  PostmortemDetails,
  PostmortemListItem,
  TimelineEntry,
} from '../api/types';
import { DEFAULT_UI_CONFIG } from '../lib/useIncidentsConfig';

export const T0 = '2024-05-01T12:00:00.000Z';
export const at = (minutes: number) =>
  new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    title: 'Checkout errors',
    summary: 'Payments fail with **500**.',
    severity: 'SEV2',
    status: 'investigating',
    entityRefs: ['component:default/checkout'],
    roles: { commander: ALICE },
    roleHistory: [],
    timestamps: { declaredAt: T0, acknowledgedAt: at(2) },
    createdBy: ALICE,
    updatedAt: at(2),
    version: 3,
    ...overrides,
  };
}

/** An incident as alert-opened: no commander, nobody has acknowledged it. */
export const ALERT_OPENED: Partial<Incident> = {
  roles: {},
  alertGroupKey: '{}:{alertname="CheckoutErrorBudgetBurn"}',
  createdBy: 'alertmanager',
  timestamps: { declaredAt: T0 },
};

/**
 * Incident details; `overrides.permissions` may name only some permissions
 * (the others: update yes, acknowledge and take command no).
 */
export function makeDetails(
  overrides: Omit<Partial<IncidentDetails>, 'permissions'> & {
    permissions?: Partial<IncidentPermissions>;
  } = {},
  incident: Partial<Incident> = {},
): IncidentDetails {
  const { permissions, ...rest } = overrides;
  return {
    incident: makeIncident(incident),
    ownerRefs: ['group:default/payments'],
    timeline: [],
    alerts: [],
    permissions: {
      update: true,
      acknowledge: false,
      takeCommand: false,
      ...permissions,
    },
    ...rest,
  };
}

/** One timeline entry of every type, in time order. */
export const EVERY_EVENT: TimelineEntry[] = [
  {
    id: 1,
    type: 'alert_attached',
    at: at(0),
    actor: 'alertmanager',
    fingerprint: 'fp-1',
    alertName: 'CheckoutErrorBudgetBurn',
    labels: { severity: 'page', service: 'checkout' },
    startsAt: at(-5),
  },
  {
    id: 11,
    type: 'alerts_truncated',
    at: at(0),
    actor: 'alertmanager',
    truncatedAlerts: 3,
    receivedAlerts: 5,
  },
  {
    id: 2,
    type: 'role_assigned',
    at: at(1),
    actor: ALICE,
    role: 'commander',
    assignee: ALICE,
  },
  {
    id: 12,
    type: 'acknowledged',
    at: at(1),
    actor: ALICE,
  },
  {
    id: 3,
    type: 'status_changed',
    at: at(2),
    actor: ALICE,
    from: 'investigating',
    to: 'identified',
  },
  {
    id: 4,
    type: 'severity_changed',
    at: at(3),
    actor: ALICE,
    from: 'SEV3',
    to: 'SEV2',
  },
  {
    id: 5,
    type: 'note',
    at: at(4),
    actor: BOB,
    text: 'Rolled back **v2.3**',
  },
  {
    id: 6,
    type: 'link',
    at: at(5),
    actor: BOB,
    url: 'https://grafana.example/d/checkout',
    title: 'Checkout dashboard',
  },
  {
    id: 7,
    type: 'role_unassigned',
    at: at(6),
    actor: ALICE,
    role: 'scribe',
    previous: BOB,
  },
  {
    id: 8,
    type: 'alert_resolved',
    at: at(7),
    actor: 'alertmanager',
    fingerprint: 'fp-1',
    alertName: 'CheckoutErrorBudgetBurn',
    endsAt: at(7),
  },
  {
    id: 9,
    type: 'postmortem_created',
    at: at(8),
    actor: ALICE,
    postmortemId: 'pm-1',
  },
  {
    id: 10,
    type: 'postmortem_published',
    at: at(9),
    actor: ALICE,
    postmortemId: 'pm-1',
  },
];

export function makePostmortem(
  overrides: Partial<Postmortem> = {},
): Postmortem {
  return {
    id: 'pm-1',
    incidentId: 'inc-1',
    title: 'Checkout errors',
    state: 'draft',
    authors: [ALICE],
    summary: 'Checkout failed.',
    impact: '',
    rootCauses: '',
    trigger: '',
    resolution: '',
    detection: '',
    actionItems: [],
    lessonsLearned: {
      whatWentWell: '',
      whatWentWrong: '',
      whereWeGotLucky: '',
    },
    timeline: [{ at: T0, text: 'Incident declared' }],
    supportingInformation: '',
    createdAt: at(60),
    updatedAt: at(60),
    version: 4,
    ...overrides,
  };
}

export function makePostmortemDetails(
  postmortem: Partial<Postmortem> = {},
  overrides: Partial<PostmortemDetails> = {},
): PostmortemDetails {
  return {
    postmortem: makePostmortem(postmortem),
    incident: makeIncident({
      status: 'resolved',
      postmortemState: postmortem.state ?? 'draft',
    }),
    permissions: { update: true },
    ...overrides,
  };
}

export function makePostmortemListItem(
  overrides: Partial<PostmortemListItem> = {},
): PostmortemListItem {
  return {
    id: 'pm-1',
    incidentId: 'inc-1',
    title: 'Checkout errors',
    state: 'draft',
    incidentSeverity: 'SEV2',
    entityRefs: ['component:default/checkout'],
    updatedAt: at(60),
    ...overrides,
  };
}

export function makeMetrics(
  overrides: Partial<IncidentMetricsResponse['metrics']> = {},
): IncidentMetricsResponse {
  return {
    from: at(-30 * 24 * 60),
    to: T0,
    metrics: {
      count: 4,
      countBySeverity: { SEV1: 1, SEV2: 2, SEV3: 1, SEV4: 0 },
      mttaMs: 5 * 60_000,
      mttrMs: 83 * 60_000,
      mttmMs: 45 * 60_000,
      publishedPostmortemShare: 0.5,
      overdueActionItems: 2,
      ...overrides,
    },
  };
}

export function makeActionItem(
  overrides: Partial<ActionItemWithContext> = {},
): ActionItemWithContext {
  return {
    id: 'ai-1',
    title: 'Add a canary stage',
    owner: 'group:default/payments',
    priority: 'P1',
    status: 'open',
    dueDate: '2024-05-10',
    postmortemId: 'pm-1',
    postmortemTitle: 'Checkout errors',
    incidentId: 'inc-1',
    overdue: false,
    ...overrides,
  };
}

export const TEST_CONFIG: IncidentsUiConfig = {
  ...DEFAULT_UI_CONFIG,
  severities: {
    ...DEFAULT_UI_CONFIG.severities,
    SEV1: { name: 'Meltdown', description: 'Everything is down.' },
  },
};

/** IncidentsApi whose methods are jest mocks, so tests can read their calls. */
export type FakeIncidentsApi = {
  [K in keyof IncidentsApi]: jest.MockedFunction<IncidentsApi[K]>;
};

/** A fake IncidentsApi with sensible answers; `overrides` replace some of them. */
export function fakeIncidentsApi(
  overrides: Partial<IncidentsApi> = {},
): FakeIncidentsApi {
  const defaults: IncidentsApi = {
    getConfig: async () => TEST_CONFIG,
    listIncidents: async () => ({ items: [makeIncident()], totalCount: 1 }),
    declareIncident: async () => makeDetails(),
    getIncident: async () => makeDetails(),
    updateIncident: async () => makeDetails(),
    addNote: async () => makeDetails(),
    addLink: async () => makeDetails(),
    acknowledgeIncident: async () => makeDetails(),
    takeCommand: async () => makeDetails(),
    createPostmortem: async () => makePostmortemDetails(),
    listPostmortems: async () => ({ items: [], totalCount: 0 }),
    getPostmortem: async () => makePostmortemDetails(),
    savePostmortem: async () => makePostmortemDetails(),
    changePostmortemState: async () => makePostmortemDetails(),
    getPostmortemMarkdown: async () => '# Postmortem',
    listActionItems: async () => ({ items: [], totalCount: 0 }),
    updateActionItem: async () => makeActionItem(),
    getMetrics: async () => makeMetrics(),
  };
  const fake = {} as Record<string, jest.Mock>;
  for (const [key, fn] of Object.entries({ ...defaults, ...overrides })) {
    fake[key] = jest.fn(fn as (...args: any[]) => any);
  }
  return fake as unknown as FakeIncidentsApi;
}

const catalogUser = (name: string, displayName?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: displayName ? { profile: { displayName } } : {},
});

/** What the pickers find in the catalog. */
export const CATALOG_ENTITIES: Entity[] = [
  catalogUser('alice', 'Alice Smith'),
  catalogUser('bob', 'Bob Jones'),
  catalogUser('guest', 'Guest'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'alice-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  },
  checkoutEntity,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default', title: 'Web shop' },
    spec: { owner: 'payments' },
  },
];

/** An in-memory catalog (for renderInTestApp's apis), queryEntities spied on. */
export function fakeCatalog(entities: Entity[] = CATALOG_ENTITIES) {
  const catalog = catalogApiMock({ entities });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  return { catalog, queryEntities };
}
