import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultIncidentsPolicyDecision } from '@vigil/backstage-plugin-incidents-common';
import { incidentsPlugin } from './plugin';
import { GROUP_KEY, webhookPayload } from './__testUtils__/alertmanager';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const SCORING = 'component:default/scoring-api';
const OUTSIDER = 'user:default/outsider';
const TOKEN = 'test-webhook-token';
// Who belongs to which group, as the catalog's ownership claims would say.
const CLAIMS: Record<string, string[]> = {
  'user:default/dmitri': ['user:default/dmitri', 'group:default/payments'],
  'user:default/alice': ['user:default/alice', 'group:default/sre'],
  'user:default/erin': ['user:default/erin', 'group:default/product-owners'],
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'scoring-api', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

function userRef(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** The app's policy (incidents-common defaults) over the test's claims. */
function permissions() {
  const decide = (
    permission: any,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    const ref = userRef(credentials);
    if (!ref) return { result: AuthorizeResult.ALLOW };
    // Someone the catalog hides every entity from.
    if (ref === OUTSIDER && permission.name === 'catalog.entity.read') {
      return { result: AuthorizeResult.DENY };
    }
    return (
      defaultIncidentsPolicyDecision(permission, {
        userEntityRef: ref,
        ownershipEntityRefs: CLAIMS[ref] ?? [ref],
      }) ?? { result: AuthorizeResult.ALLOW }
    );
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
  });
}

async function startBackend() {
  const knex = await databases.init('SQLITE_3');
  const auditor = mockServices.auditor.mock();
  const auditorEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditorEvent);
  const { server } = await startTestBackend({
    features: [
      incidentsPlugin,
      catalogServiceMock.factory({ entities }),
      auditor.factory,
      permissions().factory,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.userInfo.factory(),
      mockServices.rootConfig.factory({
        data: {
          vigil: { incidents: { alertmanager: { webhookToken: TOKEN } } },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const as = (user: string) => {
    const auth = mockCredentials.user.header(user);
    return {
      get: (url: string) =>
        request(server).get(`/api/incidents${url}`).set('authorization', auth),
      post: (url: string) =>
        request(server).post(`/api/incidents${url}`).set('authorization', auth),
      patch: (url: string) =>
        request(server)
          .patch(`/api/incidents${url}`)
          .set('authorization', auth),
      put: (url: string) =>
        request(server).put(`/api/incidents${url}`).set('authorization', auth),
    };
  };
  const webhook = (body: unknown, token: string = TOKEN) =>
    request(server)
      .post('/api/incidents/alertmanager/webhook')
      .set('authorization', `Bearer ${token}`)
      .send(body as object);
  return {
    server,
    knex,
    auditor,
    auditorEvent,
    webhook,
    dmitri: as('user:default/dmitri'),
    alice: as('user:default/alice'),
    erin: as('user:default/erin'),
    outsider: as(OUTSIDER),
  };
}

describe('the incidents API', () => {
  it('needs an authenticated user or service', async () => {
    const { server } = await startBackend();
    for (const [method, url] of [
      ['get', '/config'],
      ['get', '/incidents'],
      ['post', '/incidents'],
      ['get', '/incidents/x'],
      ['patch', '/incidents/x'],
      ['post', '/incidents/x/notes'],
      ['post', '/incidents/x/postmortem'],
      ['get', '/postmortems'],
      ['put', '/postmortems/x'],
      ['get', '/action-items?owner=user:default/a'],
      ['get', '/metrics'],
      ['get', '/search/incidents'],
    ] as const) {
      const res = await (request(server) as any)[method](
        `/api/incidents${url}`,
      );
      expect([url, res.status]).toEqual([url, 401]);
    }
    const asService = await request(server)
      .get('/api/incidents/search/incidents')
      .set('authorization', mockCredentials.service.header());
    expect(asService.status).toBe(200);
  });

  it('validates input and says what is wrong', async () => {
    const { alice } = await startBackend();
    const missing = await alice.post('/incidents').send({ severity: 'SEV9' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/title: is required/);
    expect(missing.body.error.message).toMatch(/severity/);
    expect(missing.body.error.message).toMatch(/entityRefs: is required/);
    const unknown = await alice.post('/incidents').send({
      title: 'x',
      severity: 'SEV3',
      entityRefs: ['component:default/nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /component:default\/nope: not found/,
    );
    const groupCommander = await alice.post('/incidents').send({
      title: 'x',
      severity: 'SEV3',
      entityRefs: [SCORING],
      commander: 'group:default/payments',
    });
    expect(groupCommander.status).toBe(400);
    expect(groupCommander.body.error.message).toMatch(
      /commander: must be a user ref/,
    );
    const badQuery = await alice.get('/incidents?limit=0&status=weird');
    expect(badQuery.status).toBe(400);
    expect((await alice.get('/incidents/..%2F..')).status).toBe(400);
    expect((await alice.get('/incidents/nope')).status).toBe(404);
    const badJson = await alice
      .post('/incidents')
      .set('content-type', 'application/json')
      .send('{"title":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toMatch(/not valid JSON/);
    const period = await alice.get(
      '/metrics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    expect(period.status).toBe(400);
  });

  it('lets anyone declare, the owners and the commander update, and audits it', async () => {
    const { alice, dmitri, erin, auditor, auditorEvent } = await startBackend();
    const declared = await erin.post('/incidents').send({
      title: 'Scores time out',
      severity: 'SEV2',
      entityRefs: [SCORING],
    });
    expect(declared.status).toBe(201);
    expect(declared.body.permissions).toEqual({ update: false });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'incident-declare' }),
    );
    expect(auditorEvent.success).toHaveBeenCalledWith({
      meta: { incidentId: declared.body.incident.id },
    });
    const id = declared.body.incident.id;

    // Erin declared but owns nothing and commands nothing.
    const denied = await erin
      .patch(`/incidents/${id}`)
      .send({ status: 'identified', expectedVersion: 1 });
    expect(denied.status).toBe(403);
    expect(auditor.createEvent).not.toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'incident-update' }),
    );

    // Dmitri is in payments, which owns the scoring API; he makes Alice commander.
    const assigned = await dmitri
      .patch(`/incidents/${id}`)
      .send({ roles: { commander: 'user:default/alice' }, expectedVersion: 1 });
    expect(assigned.status).toBe(200);
    expect(assigned.body.incident.version).toBe(2);
    expect(assigned.body.permissions).toEqual({ update: true });

    // Alice may now update as commander; Dmitri's stale write gets a 409 with the current state.
    const byCommander = await alice
      .patch(`/incidents/${id}`)
      .send({ status: 'identified', expectedVersion: 2 });
    expect(byCommander.status).toBe(200);
    const stale = await dmitri
      .patch(`/incidents/${id}`)
      .send({ severity: 'SEV1', expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.name).toBe('ConflictError');
    expect(stale.body.current.incident).toMatchObject({
      status: 'identified',
      version: 3,
    });

    const invalid = await alice
      .patch(`/incidents/${id}`)
      .send({ status: 'closed', expectedVersion: 3 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(
      /cannot change status from identified to closed/,
    );

    const note = await alice
      .post(`/incidents/${id}/notes`)
      .send({ text: 'Feature store p99 is 4 s' });
    expect(note.status).toBe(201);
    expect(note.body.timeline.at(-1)).toMatchObject({
      type: 'note',
      actor: 'user:default/alice',
    });
    expect(
      (await erin.post(`/incidents/${id}/notes`).send({ text: 'hi' })).status,
    ).toBe(403);
    const link = await alice
      .post(`/incidents/${id}/links`)
      .send({ url: 'ftp://example.com/incident.log' });
    expect(link.status).toBe(400);

    const list = await erin.get(`/incidents?entityRef=${SCORING}&status=open`);
    expect(list.body).toMatchObject({
      totalCount: 1,
      items: [{ id, status: 'identified' }],
    });
    const byOwner = await erin.get(
      '/incidents?ownerRef=group:default/payments',
    );
    expect(byOwner.body.totalCount).toBe(1);
    const search = await erin.get('/incidents?q=TIME%20OUT');
    expect(search.body.totalCount).toBe(1);
  });

  it('lists, counts and indexes incidents only for those who may read their entities', async () => {
    const { alice, outsider } = await startBackend();
    const declared = await alice.post('/incidents').send({
      title: 'Scores fail',
      severity: 'SEV2',
      entityRefs: [SCORING],
    });
    expect(declared.status).toBe(201);

    expect((await alice.get('/incidents')).body.totalCount).toBe(1);
    expect((await outsider.get('/incidents')).body).toEqual({
      items: [],
      totalCount: 0,
    });
    expect((await outsider.get('/postmortems')).body.totalCount).toBe(0);
    expect((await outsider.get('/metrics')).body.metrics).toMatchObject({
      count: 0,
    });
    expect((await alice.get('/metrics')).body.metrics).toMatchObject({
      count: 1,
    });
  });

  it('runs the postmortem: template, drafts for editors, publish for all, Markdown, action items', async () => {
    const { alice, dmitri, erin, server } = await startBackend();
    const { body } = await dmitri.post('/incidents').send({
      title: 'Cache stampede',
      severity: 'SEV3',
      entityRefs: [SCORING],
      commander: 'user:default/dmitri',
    });
    const id = body.incident.id;
    const early = await dmitri.post(`/incidents/${id}/postmortem`);
    expect(early.status).toBe(400);
    await dmitri
      .patch(`/incidents/${id}`)
      .send({ status: 'resolved', expectedVersion: 1 });
    const created = await dmitri.post(`/incidents/${id}/postmortem`);
    expect(created.status).toBe(201);
    const pm = created.body.postmortem;
    expect(pm).toMatchObject({
      state: 'draft',
      version: 1,
      authors: ['user:default/dmitri'],
    });
    expect(pm.rootCauses).toMatch(/Ask "why"/);
    expect((await dmitri.post(`/incidents/${id}/postmortem`)).status).toBe(409);

    // A draft is for its editors.
    expect((await erin.get(`/postmortems/${pm.id}`)).status).toBe(403);
    const saved = await dmitri.put(`/postmortems/${pm.id}`).send({
      expectedVersion: 1,
      impact: '2 % of scoring requests failed for 20 minutes',
      actionItems: [
        {
          title: 'Jitter cache TTLs',
          owner: 'user:default/erin',
          priority: 'P1',
          status: 'open',
          dueDate: '2020-01-01',
        },
      ],
    });
    expect(saved.status).toBe(200);
    const stale = await dmitri
      .put(`/postmortems/${pm.id}`)
      .send({ expectedVersion: 1, impact: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.postmortem.version).toBe(2);
    expect(
      (
        await dmitri
          .put(`/postmortems/${pm.id}`)
          .send({ expectedVersion: 2, bogus: 1 })
      ).status,
    ).toBe(400);

    // The action item shows on its owner's page, overdue, and its owner may update it.
    const items = await erin.get(
      '/action-items?owner=user:default/erin,group:default/product-owners',
    );
    expect(items.body.items).toEqual([
      expect.objectContaining({
        title: 'Jitter cache TTLs',
        overdue: true,
        incidentId: id,
      }),
    ]);
    const itemId = items.body.items[0].id;
    const done = await erin
      .patch(`/action-items/${itemId}`)
      .send({ status: 'in_progress' });
    expect(done.status).toBe(200);
    expect(
      (await alice.patch(`/action-items/${itemId}`).send({ status: 'done' }))
        .status,
    ).toBe(403);

    const published = await dmitri
      .post(`/postmortems/${pm.id}/state`)
      .send({ state: 'published', expectedVersion: 3 });
    expect(published.status).toBe(200);
    expect(published.body.postmortem.publishedAt).toBeDefined();
    expect(published.body.permissions).toEqual({ update: false });
    expect(
      (
        await dmitri
          .put(`/postmortems/${pm.id}`)
          .send({ expectedVersion: 4, impact: 'y' })
      ).status,
    ).toBe(400);

    const read = await erin.get(`/postmortems/${pm.id}`);
    expect(read.status).toBe(200);
    const markdown = await erin.get(`/postmortems/${pm.id}/markdown`);
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    expect(markdown.text).toMatch(/^# Postmortem: Cache stampede/);
    expect(markdown.text).toMatch(
      /\| Jitter cache TTLs \| user:default\/erin \| P1 \| in_progress \| 2020-01-01 \|/,
    );

    const docs = await request(server)
      .get('/api/incidents/search/postmortems')
      .set('authorization', mockCredentials.service.header());
    expect(docs.body.items).toEqual([
      expect.objectContaining({
        title: 'Postmortem: Cache stampede',
        location: `/incidents/${id}/postmortem`,
        type: 'postmortem',
      }),
    ]);
    expect(docs.body.items[0].text).not.toMatch(/<!--/);
    const closed = await dmitri
      .patch(`/incidents/${id}`)
      .send({ status: 'closed', expectedVersion: 2 });
    expect(closed.status).toBe(200);
  });

  describe('Alertmanager webhook', () => {
    const at = (m: number) =>
      `2026-11-01T09:${String(m).padStart(2, '0')}:00.5Z`;
    const firing = (fp: string, m: number) => ({
      fingerprint: fp,
      status: 'firing' as const,
      startsAt: at(m),
    });
    const resolved = (fp: string, m: number, end: number) => ({
      fingerprint: fp,
      status: 'resolved' as const,
      startsAt: at(m),
      endsAt: at(end),
    });

    it('rejects bad tokens with 401 and malformed payloads with 400 naming the fields', async () => {
      const { webhook, server } = await startBackend();
      expect(
        (await webhook(webhookPayload([firing('a', 0)]), 'wrong')).status,
      ).toBe(401);
      const noAuth = await request(server)
        .post('/api/incidents/alertmanager/webhook')
        .send(webhookPayload([firing('a', 0)]));
      expect(noAuth.status).toBe(401);
      const asService = await request(server)
        .post('/api/incidents/alertmanager/webhook')
        .set('authorization', mockCredentials.service.header())
        .send(webhookPayload([firing('a', 0)]));
      expect(asService.status).toBe(200);

      const broken = webhookPayload([firing('a', 0)]) as any;
      broken.version = '3';
      delete broken.groupKey;
      broken.alerts[0].startsAt = 'yesterday';
      const res = await webhook(broken);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/version: must be "4"/);
      expect(res.body.error.message).toMatch(/groupKey: is required/);
      expect(res.body.error.message).toMatch(
        /alerts\[0\]\.startsAt: must be an RFC 3339 timestamp/,
      );
      const notJson = await request(server)
        .post('/api/incidents/alertmanager/webhook')
        .set('authorization', `Bearer ${TOKEN}`)
        .set('content-type', 'application/json')
        .send('{"version":');
      expect(notJson.status).toBe(400);
    });

    it('answers 5xx when the database cannot take a notification, so Alertmanager retries', async () => {
      const { webhook, knex } = await startBackend();
      await knex.destroy();
      const res = await webhook(webhookPayload([firing('a', 0)]));
      expect(res.status).toBeGreaterThanOrEqual(500);
    });

    it('turns a group’s notifications into one incident and its timeline', async () => {
      const { webhook, alice } = await startBackend();
      const sequence = [
        [firing('a', 0)], // firing
        [firing('a', 0)], // repeat
        [firing('a', 0), firing('b', 2)], // a second alert joins
        [firing('a', 0), firing('b', 2)], // duplicate (HA pair)
        [firing('a', 0)], // out of order: older notification arrives late
        [resolved('a', 0, 5), firing('b', 2)], // partial resolve
        [resolved('a', 0, 5), resolved('b', 2, 6)], // all resolved
      ];
      const actions = [];
      for (const alerts of sequence) {
        const res = await webhook(webhookPayload(alerts));
        expect(res.status).toBe(200);
        actions.push(res.body.action);
      }
      expect(actions).toEqual([
        'opened',
        'unchanged',
        'updated',
        'unchanged',
        'unchanged',
        'updated',
        'updated',
      ]);
      // A truncated notification is taken and its truncation reported.
      const truncated = await webhook(
        webhookPayload([resolved('a', 0, 5), resolved('b', 2, 6)], {
          truncatedAlerts: 4,
        }),
      );
      expect(truncated.body.warnings[0]).toMatch(/4 alert\(s\) were truncated/);

      const list = await alice.get('/incidents');
      expect(list.body.totalCount).toBe(1);
      const incident = list.body.items[0];
      expect(incident).toMatchObject({
        severity: 'SEV2',
        status: 'investigating',
        alertGroupKey: GROUP_KEY,
        entityRefs: [SCORING],
      });
      const details = await alice.get(`/incidents/${incident.id}`);
      expect(
        details.body.timeline.map((e: any) => `${e.type}:${e.fingerprint}`),
      ).toEqual([
        'alert_attached:a',
        'alert_attached:b',
        'alert_resolved:a',
        'alert_resolved:b',
      ]);
      expect(details.body.alerts.map((x: any) => x.status)).toEqual([
        'resolved',
        'resolved',
      ]);
    });
  });
});
