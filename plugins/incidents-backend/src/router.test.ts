import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultIncidentsPolicyDecision,
  incidentConditions,
} from '@vigil/backstage-plugin-incidents-common';
import { incidentsPlugin } from './plugin';
import {
  GROUP_KEY,
  slothPayload,
  webhookPayload,
} from './__testUtils__/alertmanager';

// The API on SQLite; the bad-input cases also on PostgreSQL (which, unlike
// SQLite, refuses NUL characters and overflowing offsets itself).
const databases = testDatabases();
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const validateResponse = createResponseValidator(document);
/** `PATCH /incidents/{id}` and the like for a method and a URL of the tests. */
const operationOf = (method: string, url: string) => {
  const pathname = url.split('?')[0];
  const templates = Object.keys((document as { paths: object }).paths);
  const template =
    templates.find(t => t === pathname) ??
    templates.find(t =>
      // The document's own path templates, constants of this package.
      // eslint-disable-next-line security/detect-non-literal-regexp
      new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
    );
  return `${method.toUpperCase()} ${template ?? pathname}`;
};
/** The response is one openapi.yaml declares for the operation. */
const expectConforms = (method: string, url: string, res: ResponseLike) =>
  expect([url, validateResponse(operationOf(method, url), res)]).toEqual([
    url,
    [],
  ]);

const SCORING = 'component:default/scoring-api';
const OUTSIDER = 'user:default/outsider';
const TOKEN = 'test-webhook-token';
// Who belongs to which group, as the catalog's ownership claims would say.
const CLAIMS: Record<string, string[]> = {
  'user:default/dmitri': ['user:default/dmitri', 'group:default/payments'],
  'user:default/alice': ['user:default/alice', 'group:default/sre'],
  'user:default/erin': ['user:default/erin', 'group:default/product-owners'],
  // In payments, but the app's policy lets Pat change only incidents Pat commands.
  'user:default/pat': ['user:default/pat', 'group:default/payments'],
};
const PAT = 'user:default/pat';

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
    if (
      ref === PAT &&
      ['incidents.incident.update', 'incidents.incident.close'].includes(
        permission.name,
      )
    ) {
      // A policy that lets only the commander change an incident.
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'incidents',
        resourceType: 'incident',
        conditions: incidentConditions.isCommander({ userEntityRef: ref }),
      };
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

async function startBackend(databaseId: TestDatabaseId = 'SQLITE_3') {
  const knex = await databases.init(databaseId);
  const logger = mockServices.logger.mock();
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
      // Group membership as the catalog would resolve it.
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = userRef(credentials as BackstageCredentials)!;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: CLAIMS[ref] ?? [ref],
          };
        },
      }).factory,
      logger.factory,
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
    logger,
    auditor,
    auditorEvent,
    webhook,
    dmitri: as('user:default/dmitri'),
    alice: as('user:default/alice'),
    erin: as('user:default/erin'),
    outsider: as(OUTSIDER),
    pat: as(PAT),
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
      expectConforms(method, url, res);
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
    expectConforms('post', '/incidents', missing);
    const unknown = await alice.post('/incidents').send({
      title: 'x',
      severity: 'SEV3',
      entityRefs: ['component:default/nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /component:default\/nope: not found/,
    );
    expectConforms('post', '/incidents', unknown);
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
    expect(badQuery.body.error.message).toMatch(
      /limit: must be an integer from 1 to 200/,
    );
    expectConforms('get', '/incidents', badQuery);
    expect((await alice.get('/incidents/..%2F..')).status).toBe(400);
    const notFound = await alice.get('/incidents/nope');
    expect(notFound.status).toBe(404);
    expectConforms('get', '/incidents/nope', notFound);
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
    expectConforms('post', '/incidents', declared);
    expect(declared.body.permissions).toEqual({
      update: false,
      acknowledge: false,
      takeCommand: false,
    });
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
    expectConforms('patch', `/incidents/${id}`, assigned);
    expect(assigned.body.incident.version).toBe(2);
    expect(assigned.body.permissions).toEqual({
      update: true,
      acknowledge: false,
      takeCommand: false,
    });

    // Alice may now update as commander; Dmitri's stale write gets a 409 with the current state.
    const byCommander = await alice
      .patch(`/incidents/${id}`)
      .send({ status: 'identified', expectedVersion: 2 });
    expect(byCommander.status).toBe(200);
    const stale = await dmitri
      .patch(`/incidents/${id}`)
      .send({ severity: 'SEV1', expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expectConforms('patch', `/incidents/${id}`, stale);
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
    expectConforms('patch', `/incidents/${id}`, invalid);

    const note = await alice
      .post(`/incidents/${id}/notes`)
      .send({ text: 'Feature store p99 is 4 s' });
    expect(note.status).toBe(201);
    expectConforms('post', `/incidents/${id}/notes`, note);
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
    expectConforms('post', `/incidents/${id}/links`, link);

    const list = await erin.get(`/incidents?entityRef=${SCORING}&status=open`);
    expectConforms('get', '/incidents', list);
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
    expectConforms('put', `/postmortems/${pm.id}`, saved);
    const stale = await dmitri
      .put(`/postmortems/${pm.id}`)
      .send({ expectedVersion: 1, impact: 'x' });
    expect(stale.status).toBe(409);
    expectConforms('put', `/postmortems/${pm.id}`, stale);
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
    expectConforms('get', '/action-items', items);
    const itemId = items.body.items[0].id;
    const done = await erin
      .patch(`/action-items/${itemId}`)
      .send({ status: 'in_progress' });
    expect(done.status).toBe(200);
    expectConforms('patch', `/action-items/${itemId}`, done);
    expect(
      (await alice.patch(`/action-items/${itemId}`).send({ status: 'done' }))
        .status,
    ).toBe(403);

    const published = await dmitri
      .post(`/postmortems/${pm.id}/state`)
      .send({ state: 'published', expectedVersion: 3 });
    expect(published.status).toBe(200);
    expectConforms('post', `/postmortems/${pm.id}/state`, published);
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
    expectConforms('get', `/postmortems/${pm.id}`, read);
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
      expectConforms('post', '/alertmanager/webhook', noAuth);
      const asService = await request(server)
        .post('/api/incidents/alertmanager/webhook')
        .set('authorization', mockCredentials.service.header())
        .send(webhookPayload([firing('a', 0)]));
      expect(asService.status).toBe(200);
      expectConforms('post', '/alertmanager/webhook', asService);

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
      expectConforms('post', '/alertmanager/webhook', res);
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
        // The truncation is on the timeline, not only in the log.
        'alerts_truncated:undefined',
      ]);
      expect(details.body.timeline.at(-1)).toMatchObject({
        type: 'alerts_truncated',
        truncatedAlerts: 4,
        receivedAlerts: 2,
      });
      expect(details.body.alerts.map((x: any) => x.status)).toEqual([
        'resolved',
        'resolved',
      ]);
    });
  });

  describe('acknowledgement and command', () => {
    const firing = (fingerprint: string, startsAt: string) => ({
      fingerprint,
      status: 'firing' as const,
      startsAt,
    });

    it('leaves an alert-opened incident unacknowledged until an owner acknowledges it, once', async () => {
      const { webhook, dmitri, erin, auditor, auditorEvent } =
        await startBackend();
      const opened = await webhook(
        slothPayload('page', [firing('p1', '2026-11-01T09:00:00Z')]),
      );
      const id = opened.body.incidentId;
      const details = await dmitri.get(`/incidents/${id}`);
      expect(details.body.incident.timestamps.detectedAt).toBe(
        '2026-11-01T09:00:00.000Z',
      );
      expect(details.body.incident.timestamps.acknowledgedAt).toBeUndefined();
      expect(details.body.permissions).toEqual({
        update: true,
        acknowledge: true,
        takeCommand: true,
      });
      expect((await erin.get(`/incidents/${id}`)).body.permissions).toEqual({
        update: false,
        acknowledge: false,
        takeCommand: false,
      });

      expect(
        (
          await erin
            .post(`/incidents/${id}/acknowledge`)
            .send({ expectedVersion: 1 })
        ).status,
      ).toBe(403);
      expect(
        (await dmitri.post(`/incidents/${id}/acknowledge`).send({})).status,
      ).toBe(400);
      expect(
        (
          await dmitri
            .post(`/incidents/${id}/acknowledge`)
            .send({ expectedVersion: 1, at: 'now' })
        ).status,
      ).toBe(400);
      const stale = await dmitri
        .post(`/incidents/${id}/acknowledge`)
        .send({ expectedVersion: 7 });
      expect(stale.status).toBe(409);
      expect(stale.body.current.incident.version).toBe(1);

      const acknowledged = await dmitri
        .post(`/incidents/${id}/acknowledge`)
        .send({ expectedVersion: 1 });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.incident).toMatchObject({
        acknowledgedBy: 'user:default/dmitri',
        version: 2,
      });
      expect(
        acknowledged.body.incident.timestamps.acknowledgedAt,
      ).toBeDefined();
      expect(acknowledged.body.timeline.at(-1)).toMatchObject({
        type: 'acknowledged',
        actor: 'user:default/dmitri',
      });
      expect(acknowledged.body.permissions.acknowledge).toBe(false);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'incident-acknowledge',
          meta: { incidentId: id },
        }),
      );
      expect(auditorEvent.success).toHaveBeenCalledWith({
        meta: expect.objectContaining({ version: 2 }),
      });

      const again = await dmitri
        .post(`/incidents/${id}/acknowledge`)
        .send({ expectedVersion: 2 });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(
        /already acknowledged .* by user:default\/dmitri/,
      );
      expect(again.body.current.incident.acknowledgedBy).toBe(
        'user:default/dmitri',
      );
    });

    it('lets an owner or a member of an owning group take command of an incident without one', async () => {
      const { webhook, pat, dmitri, erin, server, auditor } =
        await startBackend();
      const { body } = await webhook(
        slothPayload('page', [firing('p1', '2026-11-01T09:00:00Z')]),
      );
      const id = body.incidentId;

      const refused = await erin
        .post(`/incidents/${id}/take-command`)
        .send({ expectedVersion: 1 });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /only members of its owners \(group:default\/payments\) and its commander \(none assigned\) may/,
      );
      const asService = await request(server)
        .post(`/api/incidents/incidents/${id}/take-command`)
        .set('authorization', mockCredentials.service.header())
        .send({ expectedVersion: 1 });
      expect(asService.status).toBe(403);

      // Pat may not update incidents, but is in payments, which owns the API.
      const patDetails = await pat.get(`/incidents/${id}`);
      expect(patDetails.body.permissions).toEqual({
        update: false,
        acknowledge: false,
        takeCommand: true,
      });
      const taken = await pat
        .post(`/incidents/${id}/take-command`)
        .send({ expectedVersion: 1 });
      expect(taken.status).toBe(200);
      expect(taken.body.incident.roles).toEqual({ commander: PAT });
      expect(taken.body.incident.roleHistory).toEqual([
        expect.objectContaining({
          role: 'commander',
          assignee: PAT,
          assignedBy: PAT,
        }),
      ]);
      expect(taken.body.incident.acknowledgedBy).toBe(PAT);
      expect(taken.body.timeline.slice(-2).map((e: any) => e.type)).toEqual([
        'role_assigned',
        'acknowledged',
      ]);
      // Now commander, Pat may change it (the commander rule).
      expect(taken.body.permissions).toEqual({
        update: true,
        acknowledge: false,
        takeCommand: false,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'incident-take-command' }),
      );

      const second = await dmitri
        .post(`/incidents/${id}/take-command`)
        .send({ expectedVersion: 2 });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(/already has a commander/);
      expect(second.body.current.incident.roles.commander).toBe(PAT);
    });

    it('takes a declarer’s detection time, acknowledges the declaration and counts MTTA from detection', async () => {
      const { erin, dmitri } = await startBackend();
      const detectedAt = new Date(Date.now() - 10 * 60_000).toISOString();
      const declared = await erin.post('/incidents').send({
        title: 'Scores are slow',
        severity: 'SEV3',
        entityRefs: [SCORING],
        detectedAt,
      });
      expect(declared.status).toBe(201);
      const { timestamps } = declared.body.incident;
      expect(timestamps.detectedAt).toBe(detectedAt);
      expect(timestamps.acknowledgedAt).toBe(timestamps.declaredAt);
      expect(declared.body.incident.acknowledgedBy).toBe('user:default/erin');
      const mtta = (await dmitri.get('/metrics')).body.metrics.mttaMs;
      expect(mtta).toBeGreaterThanOrEqual(10 * 60_000);
      expect(mtta).toBeLessThan(11 * 60_000);

      const future = await erin.post('/incidents').send({
        title: 'Scores will be slow',
        severity: 'SEV3',
        entityRefs: [SCORING],
        detectedAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toMatch(
        /detectedAt: .* is after the declaration/,
      );
    });
  });
});

describe.each(databases.eachSupportedId())('bad input on %s', databaseId => {
  const item = {
    title: 'Jitter cache TTLs',
    owner: 'user:default/erin',
    priority: 'P1',
    status: 'open',
  };

  async function withPostmortem() {
    const backend = await startBackend(databaseId);
    const { dmitri } = backend;
    const declare = async (title: string) => {
      const { body } = await dmitri.post('/incidents').send({
        title,
        severity: 'SEV3',
        entityRefs: [SCORING],
      });
      await dmitri
        .patch(`/incidents/${body.incident.id}`)
        .send({ status: 'resolved', expectedVersion: 1 });
      const created = await dmitri.post(
        `/incidents/${body.incident.id}/postmortem`,
      );
      return {
        incidentId: body.incident.id,
        postmortem: created.body.postmortem,
      };
    };
    return { ...backend, declare };
  }

  const noLeaks = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(
      /\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b/i,
    );
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(text).not.toMatch(/stack/i);
    expect(text).not.toMatch(/SQLITE_|violates|duplicate key|out of range/i);
  };

  it('bounds every list’s limit and offset with a 400 that gives the range', async () => {
    const { erin } = await startBackend(databaseId);
    for (const [url, message] of [
      [
        '/action-items?owner=user:default/erin&offset=99999999999999999999',
        'offset: must be an integer from 0 to 1000000',
      ],
      [
        '/incidents?offset=99999999999999999999',
        'offset: must be an integer from 0 to 1000000',
      ],
      [
        '/postmortems?offset=-1',
        'offset: must be an integer from 0 to 1000000',
      ],
      ['/incidents?limit=5000', 'limit: must be an integer from 1 to 200'],
      ['/postmortems?limit=abc', 'limit: must be an integer from 1 to 200'],
      [
        '/action-items?owner=user:default/erin&limit=0',
        'limit: must be an integer from 1 to 200',
      ],
      ['/search/incidents?limit=100000', 'limit'],
    ] as const) {
      const res = url.startsWith('/search')
        ? await request((await startBackend(databaseId)).server)
            .get(`/api/incidents${url}`)
            .set('authorization', mockCredentials.service.header())
        : await erin.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.message).toContain(message);
      noLeaks(res.body);
    }
  });

  it('refuses duplicate, over-long and foreign action item ids with 400', async () => {
    const { dmitri, declare } = await withPostmortem();
    const { postmortem } = await declare('Cache stampede');
    const save = (actionItems: object[], expectedVersion = 1) =>
      dmitri
        .put(`/postmortems/${postmortem.id}`)
        .send({ expectedVersion, actionItems });

    const duplicate = await save([
      { ...item, id: 'ai-1' },
      { ...item, id: 'ai-1', title: 'Again' },
    ]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toMatch(
      /actionItems\[1\]\.id: duplicate action item id ai-1/,
    );
    noLeaks(duplicate.body);

    const long = await save([{ ...item, id: 'x'.repeat(100) }]);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(
      /actionItems\[0\]\.id: must be text of 1 to 64 characters/,
    );

    // An id of another postmortem's item would take over its row.
    const saved = await save([item]);
    expect(saved.status).toBe(200);
    const otherId = saved.body.postmortem.actionItems[0].id;
    const { postmortem: second } = await declare('Second stampede');
    const foreign = await dmitri
      .put(`/postmortems/${second.id}`)
      .send({ expectedVersion: 1, actionItems: [{ ...item, id: otherId }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(
      /is not an action item of this postmortem/,
    );
    noLeaks(foreign.body);
  });

  it('refuses NUL characters in any text with 400', async () => {
    const { dmitri, declare, webhook } = await withPostmortem();
    const nul = 'before\u0000after';
    const declared = await dmitri.post('/incidents').send({
      title: nul,
      severity: 'SEV3',
      entityRefs: [SCORING],
    });
    expect(declared.status).toBe(400);
    expect(declared.body.error.message).toMatch(
      /title: must not contain NUL characters/,
    );
    const { incidentId, postmortem } = await declare('Cache stampede');
    for (const [url, method, body, field] of [
      [`/incidents/${incidentId}/notes`, 'post', { text: nul }, 'text'],
      [
        `/incidents/${incidentId}`,
        'patch',
        { summary: nul, expectedVersion: 2 },
        'summary',
      ],
      [
        `/postmortems/${postmortem.id}`,
        'put',
        { expectedVersion: 1, actionItems: [{ ...item, title: nul }] },
        'actionItems[0].title',
      ],
      [
        `/postmortems/${postmortem.id}`,
        'put',
        { expectedVersion: 1, lessonsLearned: { whatWentWell: nul } },
        'lessonsLearned.whatWentWell',
      ],
    ] as const) {
      const res = await (dmitri as any)[method](url).send(body);
      expect([url, field, res.status]).toEqual([url, field, 400]);
      expect(res.body.error.message).toContain(
        `${field}: must not contain NUL characters`,
      );
    }
    const query = await dmitri.get(`/incidents?q=${encodeURIComponent(nul)}`);
    expect(query.status).toBe(400);

    const alert = webhookPayload([
      {
        fingerprint: 'n1',
        status: 'firing',
        startsAt: '2026-11-01T09:00:00Z',
        labels: { description: nul },
      },
    ]);
    const res = await webhook(alert);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /alerts\[0\]\.labels\.description: must not contain NUL characters/,
    );
  });

  it('refuses unknown fields on every write with 400', async () => {
    const { dmitri, declare } = await withPostmortem();
    const { incidentId, postmortem } = await declare('Cache stampede');
    for (const [url, method, body] of [
      [
        '/incidents',
        'post',
        { title: 't', severity: 'SEV3', entityRefs: [SCORING], owner: 'me' },
      ],
      [`/incidents/${incidentId}/notes`, 'post', { text: 'x', pinned: true }],
      [
        `/incidents/${incidentId}/links`,
        'post',
        { url: 'https://x.example', kind: 'chat' },
      ],
      [
        `/incidents/${incidentId}`,
        'patch',
        { status: 'closed', expectedVersion: 2, force: true },
      ],
      [
        `/incidents/${incidentId}/acknowledge`,
        'post',
        { expectedVersion: 2, by: 'x' },
      ],
      [
        `/incidents/${incidentId}/take-command`,
        'post',
        { expectedVersion: 2, commander: 'x' },
      ],
      [
        `/postmortems/${postmortem.id}`,
        'put',
        { expectedVersion: 1, actionItems: [{ ...item, overdue: true }] },
      ],
      [
        `/postmortems/${postmortem.id}/state`,
        'post',
        { state: 'in_review', expectedVersion: 1, note: 'x' },
      ],
    ] as const) {
      const res = await (dmitri as any)[method](url).send(body);
      expect([url, res.status]).toEqual([url, 400]);
      // The unknown field, and the ones allowed there.
      expect(res.body.error.message).toMatch(
        /^Invalid body: (actionItems\[0\]\.)?\w+: unknown field; allowed: \w+/,
      );
    }
  });

  it('answers a database failure with a generic 500: no SQL, no stack, a reference to the log', async () => {
    const { dmitri, knex, logger } = await startBackend(databaseId);
    const { body } = await dmitri.post('/incidents').send({
      title: 'Scores fail',
      severity: 'SEV3',
      entityRefs: [SCORING],
    });
    await knex.schema.dropTable('incident_timeline');
    const res = await dmitri.get(`/incidents/${body.incident.id}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        name: 'Error',
        message: expect.stringMatching(
          /^The incidents backend could not complete the request; the cause is in its log \(reference [0-9a-f-]{36}\)$/,
        ),
      },
      request: {
        method: 'GET',
        url: `/api/incidents/incidents/${body.incident.id}`,
      },
      response: { statusCode: 500 },
    });
    noLeaks(res.body);
    const reference = /reference ([0-9a-f-]{36})/.exec(
      res.body.error.message,
    )![1];
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(reference),
      expect.objectContaining({
        message: expect.stringMatching(/incident_timeline/),
      }),
    );
  });
});
