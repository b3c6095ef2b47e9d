import {
  expectConforms,
  openAndEvaluate,
  TARGET_DATE,
  testBackends,
  waitForEvaluation,
} from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  ERIN,
  EVE,
  MIA,
  OTHER,
  PRODUCT_OWNERS,
  SCORING_API,
  ZOE,
} from './__testUtils__/catalog';

const { startBackend, databases } = testBackends();

describe.each(databases.eachSupportedId())(
  'launch reviews on %s',
  databaseId => {
    it('opens a review with pending checks, evaluates it in the background, refuses a second', async () => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      backend.outcome('load', false);
      const opened = await backend
        .as(CAROL)
        .post('/reviews')
        .send({ entityRef: SCORING_API, targetDate: TARGET_DATE });
      expect(opened.status).toBe(201);
      expectConforms('POST /reviews', opened);
      expect(opened.body).toMatchObject({
        entityRef: SCORING_API,
        title: 'scoring-api launch',
        templateName: 'default',
        templateTitle: 'Test launch review',
        targetDate: TARGET_DATE,
        state: 'open',
        productOwners: [PRODUCT_OWNERS],
        createdBy: CAROL,
        revision: 1,
        counts: { pass: 0, fail: 0, unknown: 0, pending: 5, waived: 0 },
        blockers: ['slo-history', 'load-test', 'runbooks-reviewed'],
        latestSignOff: null,
        signOffs: [],
        waivers: [],
      });
      expect(opened.body.gates.map((g: any) => g.id)).toEqual([
        'performance',
        'operations',
      ]);
      expect(opened.body.events.map((e: any) => e.type)).toEqual(['opened']);

      const evaluated = await waitForEvaluation(backend, opened.body.id);
      const statuses = Object.fromEntries(
        evaluated.gates.flatMap((g: any) =>
          g.checks.map((c: any) => [c.checkId, c.status]),
        ),
      );
      expect(statuses).toEqual({
        'slo-history': 'pass',
        'load-test': 'fail',
        'nice-to-have': 'unknown',
        'runbooks-reviewed': 'pending',
        'pager-test': 'pending',
      });
      const load = evaluated.gates[0].checks[1];
      expect(load).toMatchObject({
        summary: expect.stringMatching(/^load is not fine/),
        evidence: {
          measurements: { ok: false },
          outcomes: [expect.objectContaining({ measure: 'ok', passed: false })],
        },
        evidenceHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(evaluated.gates[0].checks[2].evidence.reason).toMatch(
        'no outcome for extra',
      );

      const again = await backend.as(ERIN).post('/reviews').send({
        entityRef: 'component:default/Scoring-API',
        targetDate: TARGET_DATE,
      });
      expect(again.status).toBe(409);
      expectConforms('POST /reviews', again);
      expect(again.body.error.message).toBe(
        `${SCORING_API} already has a review awaiting a decision: ${opened.body.id} (scoring-api launch, open); decide or reuse it`,
      );
      expect(
        backend.auditor.createEvent.mock.calls.map(([e]) => e.eventId),
      ).toEqual(['review-open', 'review-open']);
      expect(backend.auditorEvent.success).toHaveBeenCalledTimes(1);
      expect(backend.auditorEvent.fail).toHaveBeenCalledTimes(1);
    });

    it('answers 404 for unknown or unreadable entities and templates, 403 without the permission', async () => {
      const backend = await startBackend({ databaseId });
      const open = (as: string, body: object) =>
        backend
          .as(as)
          .post('/reviews')
          .send({ targetDate: TARGET_DATE, ...body });
      const missing = await open(CAROL, {
        entityRef: 'component:default/missing',
      });
      expect(missing.status).toBe(404);
      expectConforms('POST /reviews', missing);
      expect(missing.body.error.message).toBe(
        'No entity component:default/missing in the catalog (or you may not read it)',
      );
      expect((await open(MIA, { entityRef: SCORING_API })).status).toBe(404);
      const template = await open(CAROL, {
        entityRef: SCORING_API,
        templateName: 'nope',
      });
      expect(template.status).toBe(404);
      expect(template.body.error.message).toBe(
        'No launch review template nope (known: default, small)',
      );
      const zoe = await open(ZOE, { entityRef: SCORING_API });
      expect(zoe.status).toBe(403);
      expectConforms('POST /reviews', zoe);
      expect(zoe.body.error.message).toBe(
        `Not allowed to open launch reviews of ${SCORING_API} (launch-gates.review.create)`,
      );
      const bad = await open(CAROL, {
        entityRef: SCORING_API,
        targetDate: 'soon',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/targetDate/);
      expect((await backend.anonymous.get('/reviews')).status).toBe(401);
      // The entity's annotation picks the template.
      const other = await open(ALICE, { entityRef: OTHER });
      expect(other.status).toBe(201);
      expect(other.body).toMatchObject({
        templateName: 'small',
        productOwners: [],
      });
    });

    it('re-evaluates on demand and records each status change', async () => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      backend.outcome('load', true);
      backend.outcome('extra', true);
      const review = await openAndEvaluate(backend, SCORING_API);
      backend.outcome('load', false);
      const one = await backend
        .as(ALICE)
        .post(`/reviews/${review.id}/evaluate?checkId=load-test`);
      expect(one.status).toBe(200);
      expectConforms('POST /reviews/{id}/evaluate', one);
      expect(one.body.blockers).toEqual(['load-test', 'runbooks-reviewed']);
      const changes = one.body.events
        .filter((e: any) => e.type === 'check-changed')
        .map((e: any) => [e.data.checkId, e.data.from, e.data.to, e.actor]);
      expect(changes).toEqual([
        ['slo-history', 'pending', 'pass', CAROL],
        ['load-test', 'pending', 'pass', CAROL],
        ['nice-to-have', 'pending', 'pass', CAROL],
        ['load-test', 'pass', 'fail', ALICE],
      ]);
      // Unchanged results add no event; a provider that throws is unknown, never pass.
      backend.outcome('slo', new Error('the SLO API answered 503'));
      const all = await backend
        .as(ALICE)
        .post(`/reviews/${review.id}/evaluate`);
      const slo = all.body.gates[0].checks[0];
      expect(slo.status).toBe('unknown');
      expect(
        all.body.events.filter((e: any) => e.type === 'check-changed'),
      ).toHaveLength(5);

      const unknownCheck = await backend
        .as(ALICE)
        .post(`/reviews/${review.id}/evaluate?checkId=nope`);
      expect(unknownCheck.status).toBe(404);
      expect(unknownCheck.body.error.message).toMatch(
        `Launch review ${review.id} has no check nope (checks: slo-history, load-test`,
      );
      const manual = await backend
        .as(ALICE)
        .post(`/reviews/${review.id}/evaluate?checkId=pager-test`);
      expect(manual.status).toBe(400);
      const guest = await backend
        .as('user:default/guest')
        .post(`/reviews/${review.id}/evaluate`);
      expect(guest.status).toBe(403);
    });

    it('re-evaluates every open review on the schedule', async () => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      const review = await openAndEvaluate(backend, SCORING_API);
      expect(backend.tasks.map(t => [t.id, t.scope])).toEqual([
        ['launch-gates-evaluate', 'global'],
      ]);
      backend.outcome('slo', false);
      await backend.runScheduledCycle();
      const read = await backend.as(CAROL).get(`/reviews/${review.id}`);
      expect(read.body.gates[0].checks[0].status).toBe('fail');
      expect(read.body.events.at(-1)).toMatchObject({
        type: 'check-changed',
        actor: 'launch-gates:scheduler',
        data: { checkId: 'slo-history', from: 'pass', to: 'fail' },
      });
    });

    it('lists summaries filtered and paged in the database, only of readable entities', async () => {
      const backend = await startBackend({ databaseId });
      const scoring = await openAndEvaluate(backend, SCORING_API);
      const other = await backend
        .as(ALICE)
        .post('/reviews')
        .send({ entityRef: OTHER, targetDate: '2027-01-01' });
      const list = async (as: string, query = '') => {
        const res = await backend.as(as).get(`/reviews${query}`);
        expect(res.status).toBe(200);
        expectConforms('GET /reviews', res);
        return res.body;
      };
      expect((await list(ZOE)).items.map((r: any) => r.id)).toEqual([
        other.body.id,
        scoring.id,
      ]);
      expect(await list(ZOE, '?limit=1&offset=1')).toMatchObject({
        items: [{ id: scoring.id, counts: expect.any(Object) }],
        totalCount: 2,
        limit: 1,
        offset: 1,
      });
      expect((await list(MIA)).items.map((r: any) => r.id)).toEqual([
        other.body.id,
      ]);
      expect((await list(EVE)).totalCount).toBe(0);
      expect(
        (await list(ZOE, `?entityRef=${SCORING_API}&state=open&state=go`))
          .items,
      ).toHaveLength(1);
      expect((await list(ZOE, '?targetFrom=2027-01-10')).items).toHaveLength(1);
      expect(
        (await list(ERIN, '?awaitingMe=true')).items.map((r: any) => r.id),
      ).toEqual([scoring.id]);
      expect((await list(ZOE, '?awaitingMe=true')).totalCount).toBe(0);
      const bad = await backend.as(ZOE).get('/reviews?limit=1e2');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/limit/);

      const hidden = await backend.as(MIA).get(`/reviews/${scoring.id}`);
      expect(hidden.status).toBe(404);
      expectConforms('GET /reviews/{id}', hidden);
    });

    it('edits the title and target date with optimistic concurrency', async () => {
      const backend = await startBackend({ databaseId });
      const review = await openAndEvaluate(backend, SCORING_API);
      const edited = await backend
        .as(CAROL)
        .patch(`/reviews/${review.id}`)
        .send({
          revision: 1,
          title: 'Scoring API GA',
          targetDate: '2027-02-01',
        });
      expect(edited.status).toBe(200);
      expectConforms('PATCH /reviews/{id}', edited);
      expect(edited.body).toMatchObject({
        title: 'Scoring API GA',
        targetDate: '2027-02-01',
        revision: 2,
      });
      const stale = await backend
        .as(ERIN)
        .patch(`/reviews/${review.id}`)
        .send({ revision: 1, title: 'Other' });
      expect(stale.status).toBe(409);
      expectConforms('PATCH /reviews/{id}', stale);
      expect(stale.body.error.message).toBe(
        `Launch review ${review.id} is at revision 2, not 1: someone edited it since you read it; reload it and send its revision`,
      );
      expect(
        (
          await backend
            .as(ZOE)
            .patch(`/reviews/${review.id}`)
            .send({ revision: 2, title: 'Mine' })
        ).status,
      ).toBe(403);
    });

    it('lists templates and exports a review as JSON and Markdown', async () => {
      const backend = await startBackend({ databaseId });
      const templates = await backend.as(ZOE).get('/templates');
      expect(templates.status).toBe(200);
      expectConforms('GET /templates', templates);
      expect(templates.body.items.map((t: any) => t.name)).toEqual([
        'default',
        'small',
      ]);
      expect(templates.body.problems).toEqual([]);
      const one = await backend.as(ZOE).get('/templates/small');
      expect(one.status).toBe(200);
      expectConforms('GET /templates/{name}', one);
      expect((await backend.as(ZOE).get('/templates/nope')).status).toBe(404);

      backend.outcome('slo', true);
      const review = await openAndEvaluate(backend, SCORING_API);
      const json = await backend.as(ZOE).get(`/reviews/${review.id}/export`);
      expect(json.status).toBe(200);
      expectConforms('GET /reviews/{id}/export', json);
      expect(json.body).toMatchObject({
        schemaVersion: 1,
        kind: 'launch-review',
        exportedBy: ZOE,
        review: { id: review.id, entityRef: SCORING_API },
      });
      const markdown = await backend
        .as(ZOE)
        .get(`/reviews/${review.id}/export?format=markdown`);
      expect(markdown.status).toBe(200);
      expect(markdown.headers['content-type']).toMatch('text/markdown');
      expect(markdown.text).toMatch('slo-history');
      expect(
        (await backend.as(ZOE).get(`/reviews/${review.id}/export?format=pdf`))
          .status,
      ).toBe(400);
    });
  },
);
