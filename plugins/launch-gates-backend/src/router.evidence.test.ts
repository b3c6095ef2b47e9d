import {
  expectConforms,
  openAndEvaluate,
  testBackends,
} from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  PAYMENTS,
  SCORING_API,
  ZOE,
} from './__testUtils__/catalog';

const { startBackend, databases } = testBackends();

describe.each(databases.eachSupportedId())(
  'answers, evidence files and reports on %s',
  databaseId => {
    it('lets only the role a manual check names answer it, with the evidence it requires', async () => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      const review = await openAndEvaluate(backend, SCORING_API);
      const answer = (as: string, checkId: string, body: object) =>
        backend
          .as(as)
          .post(`/reviews/${review.id}/checks/${checkId}/answers`)
          .send(body);

      const bySre = await answer(ALICE, 'runbooks-reviewed', {
        answer: 'yes',
        comment: 'Looks fine',
        link: 'https://example.com/r',
      });
      expect(bySre.status).toBe(403);
      expectConforms('POST /reviews/{id}/checks/{checkId}/answers', bySre);
      expect(bySre.body.error.message).toBe(
        `Only the entity's owners may answer runbooks-reviewed: ${PAYMENTS}`,
      );
      const byOwner = await answer(CAROL, 'pager-test', {
        answer: 'yes',
        comment: 'Paged',
      });
      expect(byOwner.body.error.message).toBe(
        'Only SRE may answer pager-test: group:default/sre',
      );
      const noLink = await answer(CAROL, 'runbooks-reviewed', {
        answer: 'yes',
        comment: 'Reviewed',
      });
      expect(noLink.status).toBe(400);
      expect(noLink.body.error.message).toBe(
        'Invalid answer: a yes to runbooks-reviewed needs a link as evidence',
      );
      const automated = await answer(CAROL, 'slo-history', {
        answer: 'yes',
        comment: 'Trust me',
      });
      expect(automated.status).toBe(400);
      expect(automated.body.error.message).toMatch(
        'Check slo-history is not a manual check',
      );
      const badAttachment = await answer(CAROL, 'runbooks-reviewed', {
        answer: 'no',
        comment: 'Missing',
        attachmentId: '3b241101-e2bb-4255-8caf-4136c566a962',
      });
      expect(badAttachment.status).toBe(400);
      expect(badAttachment.body.error.message).toMatch('attachmentId');

      const no = await answer(CAROL, 'runbooks-reviewed', {
        answer: 'no',
        comment: 'Two runbooks are missing',
      });
      expect(no.status).toBe(201);
      expectConforms('POST /reviews/{id}/checks/{checkId}/answers', no);
      const check = () => no.body.gates[1].checks[0];
      expect(check()).toMatchObject({
        status: 'fail',
        answer: {
          answer: 'no',
          answeredBy: CAROL,
          comment: 'Two runbooks are missing',
        },
      });
      const yes = await answer(ALICE, 'pager-test', {
        answer: 'yes',
        comment: 'Paged alice',
      });
      expect(yes.status).toBe(201);
      expect(yes.body.gates[1].checks[1]).toMatchObject({ status: 'pass' });
      expect(
        yes.body.events
          .filter((e: any) => e.type === 'answered')
          .map((e: any) => e.data),
      ).toEqual([
        { checkId: 'runbooks-reviewed', answer: 'no' },
        { checkId: 'pager-test', answer: 'yes' },
      ]);
    });

    it('stores attachments and serves them as downloads', async () => {
      const backend = await startBackend({ databaseId });
      const review = await openAndEvaluate(backend, SCORING_API);
      const content = Buffer.from('%PDF-1.4 evidence');
      const uploaded = await backend
        .as(CAROL)
        .post(`/reviews/${review.id}/attachments`)
        .send({
          filename: 'runbook review.pdf',
          contentType: 'application/pdf',
          contentBase64: content.toString('base64'),
        });
      expect(uploaded.status).toBe(201);
      expectConforms('POST /reviews/{id}/attachments', uploaded);
      expect(uploaded.body).toMatchObject({
        filename: 'runbook review.pdf',
        size: content.length,
        uploadedBy: CAROL,
      });
      const file = await backend
        .as(ZOE)
        .get(`/reviews/${review.id}/attachments/${uploaded.body.id}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      expect(file.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="runbook_review.pdf"',
        'x-content-type-options': 'nosniff',
      });
      expect(Buffer.compare(file.body, content)).toBe(0);

      const answered = await backend
        .as(CAROL)
        .post(`/reviews/${review.id}/checks/runbooks-reviewed/answers`)
        .send({
          answer: 'no',
          comment: 'See file',
          attachmentId: uploaded.body.id,
        });
      expect(answered.body.gates[1].checks[0].answer.attachment).toMatchObject({
        id: uploaded.body.id,
        sha256: uploaded.body.sha256,
      });

      const bad = await backend
        .as(CAROL)
        .post(`/reviews/${review.id}/attachments`)
        .send({
          filename: 'x.txt',
          contentType: 'text/plain',
          contentBase64: 'abcde',
        });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch('contentBase64');
      const missing = await backend
        .as(CAROL)
        .get(
          `/reviews/${review.id}/attachments/3b241101-e2bb-4255-8caf-4136c566a962`,
        );
      expect(missing.status).toBe(404);
    });

    it('keeps reports CI posts, listed by entity', async () => {
      const backend = await startBackend({ databaseId });
      const report = {
        schemaVersion: 1,
        kind: 'load-test',
        entityRef: SCORING_API,
        ranAt: '2026-11-30T10:00:00Z',
        tool: 'autocannon',
        load: { connections: 50 },
        requests: 1000,
        errors: 0,
        latencyMs: { p50: 100, p95: 300, p99: 500 },
        peakMemoryBytes: 1e9,
      };
      const posted = await backend.service.post('/reports').send(report);
      expect(posted.status).toBe(201);
      expectConforms('POST /reports', posted);
      expect(posted.body).toMatchObject({
        entityRef: SCORING_API,
        kind: 'load-test',
      });
      expect((await backend.as(ZOE).post('/reports').send(report)).status).toBe(
        403,
      );
      expect(
        (await backend.as(CAROL).post('/reports').send(report)).status,
      ).toBe(201);
      const unknown = await backend.service
        .post('/reports')
        .send({ ...report, entityRef: 'component:default/missing' });
      expect(unknown.status).toBe(400);
      const list = await backend
        .as(ZOE)
        .get(`/reports?entityRef=${SCORING_API}&kind=load-test`);
      expect(list.status).toBe(200);
      expectConforms('GET /reports', list);
      expect(list.body.totalCount).toBe(2);
      expect(
        (await backend.as('user:default/eve').get('/reports')).body.totalCount,
      ).toBe(0);
    });
  },
);
