import { incidentsProvider } from './incidents';
import {
  startFakePlugins,
  type FakePlugins,
  type FakeRoute,
} from './__testUtils__/fakePlugins';
import { runCheck, SCORING_API_REF } from './__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:00:00Z');

type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
type Status =
  | 'investigating'
  | 'identified'
  | 'monitoring'
  | 'resolved'
  | 'closed';

/** An incident as GET /incidents lists it (incidents-common `Incident`). */
function incident(
  id: string,
  severity: Severity,
  status: Status,
  declaredAt: string,
  postmortemState?: 'draft' | 'in_review' | 'published',
) {
  return {
    id,
    title: `Scoring errors ${id}`,
    summary: '',
    severity,
    status,
    entityRefs: [SCORING_API_REF],
    roles: { commander: 'user:default/alice' },
    roleHistory: [],
    timestamps: {
      detectedAt: declaredAt,
      declaredAt,
      acknowledgedAt: declaredAt,
      ...(status === 'resolved' || status === 'closed'
        ? { resolvedAt: declaredAt }
        : {}),
    },
    ...(postmortemState ? { postmortemState } : {}),
    createdBy: 'user:default/alice',
    updatedAt: declaredAt,
    version: 3,
  };
}

type Incident = ReturnType<typeof incident>;

/** A postmortem (incidents-common `Postmortem`) with action items. */
function postmortem(
  id: string,
  incidentId: string,
  actionItems: Array<{ dueDate?: string; status: string }>,
) {
  return {
    id,
    incidentId,
    title: `Postmortem ${incidentId}`,
    state: 'published',
    authors: ['user:default/alice'],
    summary: 'x',
    impact: '',
    rootCauses: '',
    trigger: '',
    resolution: '',
    detection: '',
    actionItems: actionItems.map((item, i) => ({
      id: `ai-${i}`,
      title: `Fix ${i}`,
      owner: 'group:default/payments',
      priority: 'P1',
      ...item,
    })),
    lessonsLearned: {
      whatWentWell: '',
      whatWentWrong: '',
      whereWeGotLucky: '',
    },
    timeline: [],
    supportingInformation: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    publishedAt: '2026-11-02T00:00:00.000Z',
    version: 4,
  };
}

type Postmortem = ReturnType<typeof postmortem>;

const OPEN: Status[] = ['investigating', 'identified', 'monitoring'];

function incidentRoutes(
  incidents: Incident[],
  postmortems: Postmortem[],
): FakeRoute[] {
  return [
    {
      plugin: 'incidents',
      operation: 'GET /incidents',
      answer: (_, query) => {
        const items = incidents
          .filter(() => query.get('entityRef') === SCORING_API_REF)
          .filter(
            i => query.get('status') !== 'open' || OPEN.includes(i.status),
          )
          .sort((a, b) =>
            b.timestamps.declaredAt.localeCompare(a.timestamps.declaredAt),
          );
        return { body: { items, totalCount: items.length } };
      },
    },
    {
      plugin: 'incidents',
      operation: 'GET /postmortems',
      answer: () => ({
        body: {
          items: postmortems.map(p => ({
            id: p.id,
            incidentId: p.incidentId,
            title: p.title,
            state: p.state,
            incidentSeverity: 'SEV2',
            entityRefs: [SCORING_API_REF],
            updatedAt: p.updatedAt,
            publishedAt: p.publishedAt,
          })),
          totalCount: postmortems.length,
        },
      }),
    },
    {
      plugin: 'incidents',
      operation: 'GET /postmortems/{id}',
      answer: params => {
        const found = postmortems.find(p => p.id === params.id)!;
        return {
          body: {
            postmortem: found,
            incident: incidents.find(i => i.id === found.incidentId),
            permissions: { update: false },
          },
        };
      },
    },
  ];
}

describe('the incidents provider against the incidents API', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());

  it.each([
    {
      name: 'no incidents pass',
      incidents: [],
      postmortems: [],
      status: 'pass',
      measurements: {
        openBlockingIncidents: 0,
        incidents: 0,
        incidentsWithoutPublishedPostmortem: 0,
        overdueActionItems: 0,
      },
    },
    {
      name: 'an open SEV2 blocks',
      incidents: [incident('i1', 'SEV2', 'identified', '2026-11-30T10:00:00Z')],
      postmortems: [],
      status: 'fail',
      measurements: {
        openBlockingIncidents: 1,
        incidents: 1,
        incidentsWithoutPublishedPostmortem: 1,
      },
    },
    {
      name: 'an open SEV3 does not block, but still needs its postmortem',
      incidents: [incident('i1', 'SEV3', 'monitoring', '2026-11-30T10:00:00Z')],
      postmortems: [],
      status: 'fail',
      measurements: {
        openBlockingIncidents: 0,
        incidentsWithoutPublishedPostmortem: 1,
      },
    },
    {
      name: 'a resolved incident with a draft postmortem fails',
      incidents: [
        incident('i1', 'SEV1', 'resolved', '2026-11-20T10:00:00Z', 'draft'),
      ],
      postmortems: [],
      status: 'fail',
      measurements: {
        openBlockingIncidents: 0,
        incidentsWithoutPublishedPostmortem: 1,
      },
    },
    {
      name: 'a published postmortem with an overdue action item fails',
      incidents: [
        incident('i1', 'SEV2', 'closed', '2026-11-01T10:00:00Z', 'published'),
      ],
      postmortems: [
        postmortem('p1', 'i1', [
          { dueDate: '2026-11-30', status: 'open' },
          { dueDate: '2026-11-01', status: 'done' },
          { dueDate: '2026-12-01', status: 'in_progress' },
          { status: 'open' },
        ]),
      ],
      status: 'fail',
      measurements: {
        incidents: 1,
        incidentsWithoutPublishedPostmortem: 0,
        overdueActionItems: 1,
      },
    },
    {
      name: 'published postmortems with items due later pass; older incidents are out of the window',
      incidents: [
        incident('i1', 'SEV2', 'closed', '2026-11-01T10:00:00Z', 'published'),
        incident('old', 'SEV1', 'closed', '2026-08-01T10:00:00Z'),
      ],
      postmortems: [
        postmortem('p1', 'i1', [{ dueDate: '2026-12-01', status: 'open' }]),
      ],
      status: 'pass',
      measurements: {
        incidents: 1,
        incidentsWithoutPublishedPostmortem: 0,
        overdueActionItems: 0,
      },
    },
  ])('$name', async ({ incidents, postmortems, status, measurements }) => {
    plugins.setRoutes(incidentRoutes(incidents, postmortems));
    const result = await runCheck({
      provider: incidentsProvider,
      plugins,
      params: { days: 90, severities: ['SEV1', 'SEV2'] },
      now: NOW,
    });
    expect(plugins.contractProblems).toEqual([]);
    expect(result.status).toBe(status);
    expect(result.evidence.measurements).toEqual(
      expect.objectContaining(measurements),
    );
  });

  it('links the incidents that block', async () => {
    plugins.setRoutes(
      incidentRoutes(
        [incident('i1', 'SEV1', 'investigating', '2026-11-30T10:00:00Z')],
        [],
      ),
    );
    const result = await runCheck({
      provider: incidentsProvider,
      plugins,
      now: NOW,
    });
    expect(result.evidence.links).toEqual([
      {
        title: 'SEV1 Scoring errors i1 (investigating)',
        url: 'http://localhost:3000/incidents/i1',
      },
    ]);
    expect(result.summary).toMatch(/1 open blocking incident \(SEV1\)/);
  });

  it('is unknown when the incidents API fails', async () => {
    plugins.setRoutes([
      {
        plugin: 'incidents',
        operation: 'GET /incidents',
        answer: () => ({
          status: 401,
          body: { error: { name: 'AuthenticationError', message: 'no token' } },
        }),
      },
    ]);
    const result = await runCheck({
      provider: incidentsProvider,
      plugins,
      now: NOW,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toBe(
      'the incidents API (GET /incidents) answered 401: no token',
    );
  });

  it('refuses severities the incidents plugin does not have', async () => {
    plugins.setRoutes([]);
    const result = await runCheck({
      provider: incidentsProvider,
      plugins,
      params: { severities: ['critical'] },
      now: NOW,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toMatch(
      /^invalid params for incidents: severities\[0\]/,
    );
  });
});
