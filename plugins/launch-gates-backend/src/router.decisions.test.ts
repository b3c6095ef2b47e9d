import {
  DAY,
  expectConforms,
  openAndEvaluate,
  testBackends,
  type TestBackend,
} from './__testUtils__/backend';
import {
  CAROL,
  ERIN,
  PAT,
  PAYMENTS,
  PRODUCT_OWNERS,
  SCORING_API,
  ZOE,
} from './__testUtils__/catalog';

const { startBackend, databases } = testBackends();

const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A review of the scoring API whose automated checks all pass, runbooks answered yes. */
async function passingReview(backend: TestBackend) {
  backend.outcome('slo', true);
  backend.outcome('load', true);
  backend.outcome('extra', true);
  const review = await openAndEvaluate(backend, SCORING_API);
  const answered = await backend
    .as(CAROL)
    .post(`/reviews/${review.id}/checks/runbooks-reviewed/answers`)
    .send({
      answer: 'yes',
      comment: 'Reviewed with SRE',
      link: 'https://example.com/runbooks',
    });
  expect(answered.status).toBe(201);
  expect(answered.body.blockers).toEqual([]);
  return answered.body;
}

const signOff = (
  backend: TestBackend,
  as: string,
  review: { id: string; evidenceHash: string },
  body: object = {},
) =>
  backend
    .as(as)
    .post(`/reviews/${review.id}/sign-offs`)
    .send({
      decision: 'go',
      comment: 'Ready',
      evidenceHash: review.evidenceHash,
      ...body,
    });

describe.each(databases.eachSupportedId())(
  'launch decisions on %s',
  databaseId => {
    it('lets only the product owner sign; a Go needs every blocking check passing or waived', async () => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      backend.outcome('load', false);
      const review = await openAndEvaluate(backend, SCORING_API);

      const byOwner = await signOff(backend, CAROL, review);
      expect(byOwner.status).toBe(403);
      expectConforms('POST /reviews/{id}/sign-offs', byOwner);
      expect(byOwner.body.error.message).toBe(
        `Only the product owner of ${SCORING_API} may sign: ${PRODUCT_OWNERS}`,
      );
      expect((await signOff(backend, PAT, review)).status).toBe(403);
      expect(
        (await signOff(backend, 'user:default/guest', review)).body.error
          .message,
      ).toBe(
        `Not allowed to sign off launches of ${SCORING_API} (launch-gates.signoff.create)`,
      );

      const blocked = await signOff(backend, ERIN, review);
      expect(blocked.status).toBe(409);
      expectConforms('POST /reviews/{id}/sign-offs', blocked);
      expect(blocked.body.error.message).toBe(
        'Blocking checks do not pass and have no waiver: load-test (fail), runbooks-reviewed (pending)',
      );

      // Blockers are named whatever evidence the signer saw.
      const blockedAndStale = await signOff(backend, ERIN, review, {
        evidenceHash: 'a'.repeat(64),
      });
      expect(blockedAndStale.body.error.message).toMatch(/^Blocking checks/);

      const stale = await signOff(backend, ERIN, review, {
        decision: 'no-go',
        evidenceHash: 'a'.repeat(64),
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe(
        'The evidence changed since you loaded the review; reload it and sign again',
      );

      // A no-go may be signed whatever the checks say.
      const noGo = await signOff(backend, ERIN, review, {
        decision: 'no-go',
        comment: 'Load test fails',
      });
      expect(noGo.status).toBe(201);
      expectConforms('POST /reviews/{id}/sign-offs', noGo);
      expect(noGo.body).toMatchObject({
        state: 'no-go',
        latestSignOff: {
          decision: 'no-go',
          signedBy: ERIN,
          evidenceHash: review.evidenceHash,
          checkStatuses: {
            'slo-history': 'pass',
            'load-test': 'fail',
            'runbooks-reviewed': 'pending',
          },
          waiverIds: [],
        },
      });
      expect(
        backend.auditor.createEvent.mock.calls
          .map(([e]) => e.eventId)
          .filter(id => id === 'signoff-create'),
      ).toHaveLength(7);
    });

    it('waives a check with a reason and an expiry, then lets the product owner sign Go', async () => {
      const backend = await startBackend({ databaseId });
      const review = await passingReview(backend);
      backend.outcome('load', false);
      const failing = (
        await backend.as(ERIN).post(`/reviews/${review.id}/evaluate`)
      ).body;
      expect(failing.blockers).toEqual(['load-test']);

      const waive = (as: string, body: object) =>
        backend.as(as).post(`/reviews/${review.id}/waivers`).send(body);
      const good = {
        checkId: 'load-test',
        reason: 'Accepted for the beta: 5% of traffic',
        expiresAt: inDays(14),
      };
      for (const [body, message] of [
        [{ checkId: 'load-test', expiresAt: inDays(14) }, /reason/],
        [{ checkId: 'load-test', reason: good.reason }, /expiresAt/],
        [
          { ...good, reason: 'too short' },
          /reason: a reason of at least 10 characters/,
        ],
        [
          { ...good, expiresAt: inDays(-1) },
          /expiresAt: must be in the future/,
        ],
        [
          { ...good, expiresAt: inDays(181) },
          /expiresAt: must be at most 180 days away/,
        ],
        [{ ...good, checkId: 'nope' }, /checkId: the review has no check nope/],
      ] as const) {
        const res = await waive(ERIN, body);
        expect([res.status, res.body.error?.message]).toEqual([
          400,
          expect.stringMatching(message),
        ]);
        expectConforms('POST /reviews/{id}/waivers', res);
      }
      const byStranger = await waive(ZOE, good);
      expect(byStranger.status).toBe(403);
      expect(byStranger.body.error.message).toBe(
        `Only the product owners and the owners of ${SCORING_API} may waive its checks: ${PRODUCT_OWNERS}, ${PAYMENTS}`,
      );

      const waived = await waive(CAROL, good);
      expect(waived.status).toBe(201);
      expectConforms('POST /reviews/{id}/waivers', waived);
      expect(waived.body.blockers).toEqual([]);
      const load = waived.body.gates[0].checks[1];
      expect(load).toMatchObject({
        status: 'fail',
        effectiveStatus: 'waived',
        waiver: { reason: good.reason, createdBy: CAROL, expired: false },
      });
      expect(waived.body.counts.waived).toBe(1);
      expect(waived.body.evidenceHash).not.toBe(failing.evidenceHash);

      const go = await signOff(backend, ERIN, waived.body);
      expect(go.status).toBe(201);
      expect(go.body).toMatchObject({
        state: 'go',
        latestSignOff: {
          decision: 'go',
          waiverIds: [waived.body.waivers[0].id],
          checkStatuses: { 'load-test': 'waived' },
        },
      });
      expect(go.body.events.map((e: any) => e.type)).toEqual(
        expect.arrayContaining(['opened', 'answered', 'waived', 'signed']),
      );
    });

    it('no longer counts an expired waiver: the Go reopens and the product owner and owners are notified', async () => {
      const backend = await startBackend({ databaseId });
      const review = await passingReview(backend);
      backend.outcome('load', false);
      await backend.as(ERIN).post(`/reviews/${review.id}/evaluate`);
      const waived = await backend
        .as(ERIN)
        .post(`/reviews/${review.id}/waivers`)
        .send({
          checkId: 'load-test',
          reason: 'A short waiver for the test',
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        });
      expect(waived.status).toBe(201);
      const go = await signOff(backend, ERIN, waived.body);
      expect(go.body.state).toBe('go');
      expect(backend.sent).toEqual([]);

      await sleep(1600);
      const read = await backend.as(ERIN).get(`/reviews/${review.id}`);
      expect(read.body.blockers).toEqual(['load-test']);
      expect(read.body.waivers[0].expired).toBe(true);
      expect(read.body.gates[0].checks[1]).toMatchObject({
        effectiveStatus: 'fail',
        waiver: null,
      });
      // A Go on the expired waiver is refused.
      expect((await signOff(backend, ERIN, read.body)).status).toBe(409);

      await backend.runScheduledCycle();
      const reopened = await backend.as(ERIN).get(`/reviews/${review.id}`);
      expect(reopened.body.state).toBe('reopened');
      const types = reopened.body.events.map((e: any) => e.type);
      expect(types.slice(-2)).toEqual(['waiver-expired', 'reopened']);
      expect(reopened.body.events.at(-1).data).toEqual({
        blockers: ['load-test'],
        reasons: ['the waiver of load-test expired (fail)'],
      });
      expect(backend.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: [PRODUCT_OWNERS, PAYMENTS] },
          payload: expect.objectContaining({
            title: `Launch of ${SCORING_API} reopened: scoring-api launch`,
            link: '/catalog/default/component/scoring-api/launch',
            topic: 'launch-gates',
            severity: 'high',
          }),
        },
      ]);
      // Noticed once: the next cycle adds nothing and notifies no one again.
      await backend.runScheduledCycle();
      const later = await backend.as(ERIN).get(`/reviews/${review.id}`);
      expect(later.body.events).toHaveLength(reopened.body.events.length);
      expect(backend.sent).toHaveLength(1);
      expect(
        backend.auditor.createEvent.mock.calls.map(([e]) => e.eventId),
      ).toContain('review-reopen');
    });

    it('reopens a Go when a blocking check fails, and notifies', async () => {
      const backend = await startBackend({ databaseId });
      const review = await passingReview(backend);
      const go = await signOff(backend, ERIN, review);
      expect(go.body.state).toBe('go');
      backend.outcome('slo', false);
      await backend.runScheduledCycle();
      const read = await backend.as(CAROL).get(`/reviews/${review.id}`);
      expect(read.body).toMatchObject({
        state: 'reopened',
        blockers: ['slo-history'],
      });
      expect(read.body.events.at(-1)).toMatchObject({
        type: 'reopened',
        actor: 'launch-gates:scheduler',
        data: { reasons: ['slo-history is fail'] },
      });
      expect(backend.sent).toHaveLength(1);
      expect(backend.sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: [PRODUCT_OWNERS, PAYMENTS],
      });
      // Passing again does not undo a reopening: the product owner signs again.
      backend.outcome('slo', true);
      await backend.runScheduledCycle();
      const still = await backend.as(CAROL).get(`/reviews/${review.id}`);
      expect(still.body).toMatchObject({ state: 'reopened', blockers: [] });
      const again = await signOff(backend, ERIN, still.body);
      expect(again.body.state).toBe('go');
    });

    it('never changes or removes a sign-off, waiver, answer or attachment', async () => {
      const backend = await startBackend({ databaseId });
      const review = await passingReview(backend);
      const waived = await backend
        .as(ERIN)
        .post(`/reviews/${review.id}/waivers`)
        .send({
          checkId: 'nice-to-have',
          reason: 'Not needed for launch',
          expiresAt: inDays(30),
        });
      const signed = await signOff(backend, ERIN, waived.body);
      expect(signed.status).toBe(201);
      const attachment = await backend
        .as(CAROL)
        .post(`/reviews/${review.id}/attachments`)
        .send({
          filename: 'notes.txt',
          contentType: 'text/plain',
          contentBase64: Buffer.from('notes').toString('base64'),
        });
      const tables = [
        'launch_sign_offs',
        'launch_waivers',
        'launch_manual_answers',
        'launch_attachments',
        'launch_review_events',
      ];
      const snapshot = async () =>
        Object.fromEntries(
          await Promise.all(
            tables.map(async t => [t, await backend.knex(t).orderBy('id')]),
          ),
        );
      const before = await snapshot();
      const signOffId = signed.body.signOffs[0].id;
      const waiverId = waived.body.waivers[0].id;
      const answerId = review.gates[1].checks[0].answer.id;
      const paths = [
        `/reviews/${review.id}/sign-offs/${signOffId}`,
        `/reviews/${review.id}/sign-offs`,
        `/reviews/${review.id}/waivers/${waiverId}`,
        `/reviews/${review.id}/waivers`,
        `/reviews/${review.id}/checks/runbooks-reviewed/answers/${answerId}`,
        `/reviews/${review.id}/checks/runbooks-reviewed/answers`,
        `/reviews/${review.id}/attachments/${attachment.body.id}`,
      ];
      for (const path of paths) {
        for (const method of ['put', 'patch', 'delete'] as const) {
          const res = await backend.as(ERIN)[method](path).send({
            decision: 'no-go',
            reason: 'changed my mind entirely',
          });
          expect([path, method, res.status >= 400]).toEqual([
            path,
            method,
            true,
          ]);
        }
        expect(
          (await backend.service.delete(path)).status,
        ).toBeGreaterThanOrEqual(400);
      }
      // Editing the review's title leaves its records alone.
      await backend
        .as(CAROL)
        .patch(`/reviews/${review.id}`)
        .send({ revision: 1, title: 'Renamed' });
      const after = await snapshot();
      for (const t of tables.slice(0, 4)) expect(after[t]).toEqual(before[t]);
      expect(after.launch_review_events).toEqual(
        expect.arrayContaining(before.launch_review_events),
      );
    });
  },
);
