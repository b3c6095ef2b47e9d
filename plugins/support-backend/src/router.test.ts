import {
  ALICE,
  BOB,
  expectConforms,
  GUEST,
  PAT,
  testBackends,
} from './__testUtils__/backend';

const { startBackend, databases } = testBackends();

const errorContext = {
  message: 'Request failed with 500 Internal Server Error',
  requestId: '3f1c9a52-0d7e-4c1b-9f51-6a1e2d9b7c44',
  statusCode: 500,
  route: '/slo',
  time: '2026-06-01T10:00:00.000Z',
  faroSessionId: 'f4roSess10n',
  entityRef: 'component:default/scoring-api',
};

describe.each(databases.eachSupportedId())(
  'the support API on %s',
  databaseId => {
    it('files a ticket the reporter follows, notifies the admins and audits it', async () => {
      const backend = await startBackend({ databaseId });
      const filed = await backend
        .as(ALICE)
        .post('/tickets')
        .send({ text: '  The SLO page failed  ', context: errorContext });
      expect(filed.status).toBe(201);
      expectConforms('POST /tickets', filed);
      expect(filed.body).toMatchObject({
        reporterRef: ALICE,
        text: 'The SLO page failed',
        status: 'open',
        version: 1,
        context: errorContext,
      });
      expect(backend.sent).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/portal-admins'],
          },
          payload: expect.objectContaining({
            link: `/support/tickets/${filed.body.id}`,
            description: expect.stringContaining(errorContext.requestId),
          }),
        }),
      ]);
      expect(backend.events).toEqual([
        { eventId: 'ticket-create', outcome: 'success' },
      ]);

      const mine = await backend.as(ALICE).get('/tickets/mine');
      expect(mine.status).toBe(200);
      expectConforms('GET /tickets/mine', mine);
      expect(mine.body).toMatchObject({
        totalCount: 1,
        items: [{ id: filed.body.id }],
      });
      const one = await backend.as(ALICE).get(`/tickets/${filed.body.id}`);
      expect(one.status).toBe(200);
      expectConforms('GET /tickets/{ticketId}', one);
      expect((await backend.as(BOB).get('/tickets/mine')).body.totalCount).toBe(
        0,
      );
    });

    it('keeps a ticket from other users (404) but not from portal admins', async () => {
      const backend = await startBackend({ databaseId });
      const { body } = await backend
        .as(ALICE)
        .post('/tickets')
        .send({ text: 'Broken' });
      const other = await backend.as(BOB).get(`/tickets/${body.id}`);
      expect(other.status).toBe(404);
      expectConforms('GET /tickets/{ticketId}', other);
      expect((await backend.as(PAT).get(`/tickets/${body.id}`)).status).toBe(
        200,
      );
      expect(
        (
          await backend
            .as(ALICE)
            .get('/tickets/5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11')
        ).status,
      ).toBe(404);
      expect((await backend.as(ALICE).get('/tickets/not-a-uuid')).status).toBe(
        400,
      );
      expect((await backend.as(BOB).get('/tickets')).status).toBe(403);
      expect((await backend.as(BOB).get('/feedback')).status).toBe(403);
    });

    it('answers 400 to empty or bad input and 401 without a token', async () => {
      const backend = await startBackend({ databaseId });
      const empty = await backend
        .as(ALICE)
        .post('/tickets')
        .send({ text: '   ' });
      expect(empty.status).toBe(400);
      expectConforms('POST /tickets', empty);
      expect(empty.body.error.message).toMatch(/text: must not be empty/);
      for (const body of [
        {},
        { text: 'x', context: { statusCode: 42 } },
        { text: 'x', context: { cookie: 'c' } },
        { text: 'a\u0000b' },
      ]) {
        expect(
          (await backend.as(ALICE).post('/tickets').send(body)).status,
        ).toBe(400);
      }
      for (const body of [
        { rating: 5, text: '' },
        { rating: 0, text: 'x' },
        { rating: 6, text: 'x' },
        { text: 'x' },
      ]) {
        expect(
          (await backend.as(ALICE).post('/feedback').send(body)).status,
        ).toBe(400);
      }
      expect(
        (await backend.anonymous.post('/tickets').send({ text: 'x' })).status,
      ).toBe(401);
      expect(backend.sent).toEqual([]);
    });

    it('lets the read-only guest read nothing of others and file nothing (403)', async () => {
      const backend = await startBackend({ databaseId });
      const refused = await backend
        .as(GUEST)
        .post('/tickets')
        .send({ text: 'x' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/support\.ticket\.create/);
      expect(
        (
          await backend
            .as(GUEST)
            .post('/feedback')
            .send({ rating: 3, text: 'x' })
        ).status,
      ).toBe(403);
      expect(backend.events).toEqual([
        { eventId: 'ticket-create', outcome: 'fail' },
        { eventId: 'feedback-create', outcome: 'fail' },
      ]);
    });

    it('stores feedback with its context and lists it for portal admins', async () => {
      const backend = await startBackend({ databaseId });
      const given = await backend
        .as(ALICE)
        .post('/feedback')
        .send({
          rating: 4,
          text: 'Nice burn-rate charts',
          context: { route: '/slo', appVersion: '1.2.3' },
        });
      expect(given.status).toBe(201);
      expectConforms('POST /feedback', given);
      expect(backend.sent[0].payload.title).toBe(
        `Feedback (4/5) from ${ALICE}`,
      );
      const list = await backend.as(PAT).get('/feedback');
      expect(list.status).toBe(200);
      expectConforms('GET /feedback', list);
      expect(list.body).toMatchObject({
        totalCount: 1,
        items: [{ rating: 4, context: { route: '/slo', appVersion: '1.2.3' } }],
      });
    });

    it('pages lists with bounded limit and offset', async () => {
      const backend = await startBackend({ databaseId });
      for (let i = 0; i < 3; i++) {
        await backend
          .as(ALICE)
          .post('/tickets')
          .send({ text: `Problem ${i}` });
      }
      const page = await backend.as(PAT).get('/tickets?limit=2&offset=1');
      expect(page.status).toBe(200);
      expectConforms('GET /tickets', page);
      expect(page.body.totalCount).toBe(3);
      expect(page.body.items).toHaveLength(2);
      for (const query of [
        'limit=0',
        'limit=101',
        'offset=-1',
        'offset=100001',
        'limit=abc',
        'status=done',
        'page=2',
      ]) {
        const res = await backend.as(PAT).get(`/tickets?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      expect(
        (await backend.as(ALICE).get('/tickets/mine?limit=1000')).status,
      ).toBe(400);
      expect(
        (await backend.as(PAT).get('/feedback?offset=100001')).status,
      ).toBe(400);
    });

    it('changes a status for portal admins only, on the current version, and notifies the reporter', async () => {
      const backend = await startBackend({ databaseId });
      const { body: ticket } = await backend
        .as(ALICE)
        .post('/tickets')
        .send({ text: 'Broken' });
      const path = `/tickets/${ticket.id}/status`;

      const denied = await backend
        .as(ALICE)
        .put(path)
        .send({ status: 'closed', version: 1 });
      expect(denied.status).toBe(403);
      expectConforms('PUT /tickets/{ticketId}/status', denied);

      const changed = await backend
        .as(PAT)
        .put(path)
        .send({ status: 'in-progress', version: 1 });
      expect(changed.status).toBe(200);
      expectConforms('PUT /tickets/{ticketId}/status', changed);
      expect(changed.body).toMatchObject({
        status: 'in-progress',
        version: 2,
        updatedBy: PAT,
      });
      expect(backend.sent.at(-1)).toMatchObject({
        recipients: { type: 'entity', entityRef: ALICE },
        payload: { title: 'Your support ticket is In progress' },
      });

      const stale = await backend
        .as(PAT)
        .put(path)
        .send({ status: 'resolved', version: 1 });
      expect(stale.status).toBe(409);
      expectConforms('PUT /tickets/{ticketId}/status', stale);
      expect(stale.body.error.name).toBe('ConflictError');

      const same = await backend
        .as(PAT)
        .put(path)
        .send({ status: 'in-progress', version: 2 });
      expect(same.status).toBe(400);
      expect(
        (await backend.as(PAT).put(path).send({ status: 'done', version: 2 }))
          .status,
      ).toBe(400);
      expect(
        (
          await backend
            .as(PAT)
            .put('/tickets/5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11/status')
            .send({ status: 'closed', version: 1 })
        ).status,
      ).toBe(404);

      const followed = await backend.as(ALICE).get(`/tickets/${ticket.id}`);
      expect(followed.body).toMatchObject({
        status: 'in-progress',
        version: 2,
      });
      expect(backend.events.map(e => `${e.eventId}:${e.outcome}`)).toEqual([
        'ticket-create:success',
        'ticket-status-change:fail',
        'ticket-status-change:success',
        'ticket-status-change:fail',
        'ticket-status-change:fail',
        'ticket-status-change:fail',
      ]);
    });

    it('notifies whom vigil.support.notify names', async () => {
      const backend = await startBackend({
        databaseId,
        config: {
          vigil: {
            support: { notify: 'group:default/sre', notifyOnFeedback: false },
          },
        },
      });
      await backend.as(ALICE).post('/tickets').send({ text: 'Broken' });
      await backend
        .as(ALICE)
        .post('/feedback')
        .send({ rating: 2, text: 'Slow' });
      expect(backend.sent).toHaveLength(1);
      expect(backend.sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/sre'],
      });
    });
  },
);
