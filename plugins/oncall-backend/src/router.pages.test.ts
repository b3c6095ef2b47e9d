import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { expectConforms, testBackends } from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  ORPHAN,
  PAYMENTS,
  SCORING_API,
  SRE,
} from './__testUtils__/catalog';
import { paymentsSchedule, policyFor } from './__testUtils__/requests';

const { databases, startBackend } = testBackends();

async function withPaymentsPolicy(databaseId: TestDatabaseId = 'SQLITE_3') {
  const backend = await startBackend({ databaseId });
  const carol = backend.as(CAROL);
  const { body: schedule } = await carol
    .post('/schedules')
    .send(paymentsSchedule());
  await carol.post('/policies').send(policyFor(PAYMENTS, schedule.id));
  return backend;
}

describe('pages', () => {
  it.each(databases.eachSupportedId())(
    "pages the entity owner's policy, lists, reads and acknowledges the page on %s",
    async databaseId => {
      const backend = await withPaymentsPolicy(databaseId);
      const alice = backend.as(ALICE);
      const opened = await alice
        .post('/pages')
        .send({ entityRef: SCORING_API, title: 'Scoring API is down' });
      expect(opened.status).toBe(201);
      expectConforms('POST /pages', opened);
      expect(opened.body).toMatchObject({
        outcome: 'paged',
        page: {
          entityRef: SCORING_API,
          ownerRef: PAYMENTS,
          status: 'open',
          severity: 'high',
          openedBy: ALICE,
          policyName: 'payments escalation',
        },
      });
      expect(opened.body.pagedUserRefs).toHaveLength(1);
      const pageId = opened.body.page.id;
      const paged = opened.body.pagedUserRefs[0];

      const read = await alice.get(`/pages/${pageId}`);
      expect(read.status).toBe(200);
      expectConforms('GET /pages/{id}', read);
      expect(read.body.deliveries).toContainEqual(
        expect.objectContaining({
          userRef: paged,
          stepIndex: 0,
          repeatIndex: 0,
        }),
      );
      const listed = await alice.get(
        `/pages?entityRef=${SCORING_API}&status=open&status=acknowledged&limit=5`,
      );
      expect(listed.status).toBe(200);
      expectConforms('GET /pages', listed);
      expect(listed.body).toMatchObject({ total: 1, items: [{ id: pageId }] });
      const mine = await backend.as(paged).get('/pages?mine=true');
      expect(mine.body.total).toBe(1);
      expect((await alice.get('/pages?mine=true')).body.total).toBe(0);

      const acked = await backend
        .as(paged)
        .post(`/pages/${pageId}/acknowledge`);
      expect(acked.status).toBe(200);
      expectConforms('POST /pages/{id}/acknowledge', acked);
      expect(acked.body).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: paged,
      });
      const again = await backend
        .as(paged)
        .post(`/pages/${pageId}/acknowledge`);
      expect(again.status).toBe(409);
      expect((await alice.post('/pages/missing/acknowledge')).status).toBe(404);
      expect(
        backend.auditor.createEvent.mock.calls.map(([e]) => e.eventId),
      ).toEqual(expect.arrayContaining(['page-open', 'page-acknowledge']));
    },
    60_000,
  );

  it('says so when no policy covers the entity', async () => {
    const backend = await withPaymentsPolicy();
    const res = await backend.service
      .post('/pages')
      .send({ entityRef: ORPHAN, title: 'Orphan alert', incidentId: 'inc-1' });
    expect(res.status).toBe(201);
    expectConforms('POST /pages', res);
    expect(res.body).toMatchObject({ outcome: 'no-policy', page: null });
  });

  it('answers 400 naming the field', async () => {
    const alice = (await withPaymentsPolicy()).as(ALICE);
    const noTitle = await alice.post('/pages').send({ entityRef: SCORING_API });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toContain('title');
    const badRef = await alice
      .post('/pages')
      .send({ entityRef: 'scoring', title: 't' });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toContain('entityRef');
    for (const query of ['status=lost', 'limit=101', 'mine=yes', 'offset=x']) {
      const res = await alice.get(`/pages?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it("acknowledges and resolves an incident's pages for services only", async () => {
    const backend = await withPaymentsPolicy();
    const opened = await backend.service.post('/pages').send({
      entityRef: SCORING_API,
      title: 'Incident',
      incidentId: 'inc-7',
    });
    expect(opened.body.outcome).toBe('paged');
    const asUser = await backend
      .as(CAROL)
      .post('/incident-pages/inc-7/acknowledge')
      .send({ by: CAROL });
    expect(asUser.status).toBe(403);
    expectConforms('POST /incident-pages/{incidentId}/acknowledge', asUser);
    const badBy = await backend.service
      .post('/incident-pages/inc-7/acknowledge')
      .send({ by: SRE });
    expect(badBy.status).toBe(400);
    expect(badBy.body.error.message).toContain('by');
    const acked = await backend.service
      .post('/incident-pages/inc-7/acknowledge')
      .send({ by: CAROL });
    expect(acked.status).toBe(200);
    expectConforms('POST /incident-pages/{incidentId}/acknowledge', acked);
    expect(acked.body).toEqual({ acknowledged: 1 });
    expect(
      (await backend.as(CAROL).post('/incident-pages/inc-7/resolve')).status,
    ).toBe(403);
    const resolved = await backend.service.post(
      '/incident-pages/inc-7/resolve',
    );
    expect(resolved.status).toBe(200);
    expectConforms('POST /incident-pages/{incidentId}/resolve', resolved);
    expect(resolved.body).toEqual({ resolved: 1 });
    const page = await backend.as(CAROL).get(`/pages/${opened.body.page.id}`);
    expect(page.body).toMatchObject({
      status: 'resolved',
      acknowledgedBy: CAROL,
    });
  });
});
