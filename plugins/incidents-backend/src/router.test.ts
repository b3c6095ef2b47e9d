import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { webhookPayload } from './__testUtils__/alertmanager';
import {
  expectConforms,
  newActionItem,
  noLeaks,
  testBackends,
} from './__testUtils__/backend';
import { SCORING } from './__testUtils__/services';

// What the router's assembly answers for every area (src/routes/<area>.test.ts
// test each area's routes): credentials, request validation against
// openapi.yaml and its messages, and errors without leaks.
const { databases, startBackend, withPostmortem } = testBackends();

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
});

describe.each(databases.eachSupportedId())('bad input on %s', databaseId => {
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
      ['/incidents?sandbox=hide', 'sandbox'],
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

  it('refuses NUL characters in any text with 400', async () => {
    const { dmitri, declare, webhook } = await withPostmortem(databaseId);
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
        { expectedVersion: 1, actionItems: [{ ...newActionItem, title: nul }] },
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
    const { dmitri, declare } = await withPostmortem(databaseId);
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
        {
          expectedVersion: 1,
          actionItems: [{ ...newActionItem, overdue: true }],
        },
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
