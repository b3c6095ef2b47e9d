import { expectConforms, testBackends } from './__testUtils__/backend';
import { ALICE, CAROL, PAYMENTS, SRE } from './__testUtils__/catalog';
import { policyFor, sreSchedule } from './__testUtils__/requests';

const { startBackend } = testBackends();

describe('escalation policies', () => {
  it('creates, reads, lists, edits and deletes a policy as a member of its group', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const { body: schedule } = await alice
      .post('/schedules')
      .send(sreSchedule());
    const created = await alice
      .post('/policies')
      .send(policyFor(SRE, schedule.id));
    expect(created.status).toBe(201);
    expectConforms('POST /policies', created);
    expect(created.body).toMatchObject({
      ownerRef: SRE,
      repeat: 2,
      version: 1,
    });
    const { id } = created.body;

    const read = await backend.as(CAROL).get(`/policies/${id}`);
    expect(read.status).toBe(200);
    expectConforms('GET /policies/{id}', read);
    const listed = await alice.get(`/policies?ownerRef=${SRE}&limit=10`);
    expectConforms('GET /policies', listed);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id }] });
    expect((await alice.get(`/policies?ownerRef=${PAYMENTS}`)).body.total).toBe(
      0,
    );

    const edited = await alice
      .put(`/policies/${id}`)
      .send({ ...policyFor(SRE, schedule.id), repeat: 3, version: 1 });
    expect(edited.status).toBe(200);
    expectConforms('PUT /policies/{id}', edited);
    expect(edited.body).toMatchObject({ repeat: 3, version: 2 });
    const stale = await alice
      .put(`/policies/${id}`)
      .send({ ...policyFor(SRE, schedule.id), version: 1 });
    expect(stale.status).toBe(409);
    expect((await alice.delete(`/policies/${id}?version=1`)).status).toBe(409);
    expect((await alice.delete(`/policies/${id}?version=2`)).status).toBe(204);
    expect((await alice.get(`/policies/${id}`)).status).toBe(404);
    expect(
      backend.auditor.createEvent.mock.calls.map(([e]) => e.eventId),
    ).toEqual(
      expect.arrayContaining([
        'policy-create',
        'policy-update',
        'policy-delete',
      ]),
    );
  });

  it('answers 400 naming the field, and 403 to non-members', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const noSteps = await alice
      .post('/policies')
      .send({ ...policyFor(SRE, 'x'), steps: [] });
    expect(noSteps.status).toBe(400);
    expect(noSteps.body.error.message).toContain('steps');
    const unknown = await alice
      .post('/policies')
      .send(policyFor(SRE, '00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('steps[0].targets[0].ref');
    const notUuid = await alice.post('/policies').send(policyFor(SRE, 'abc'));
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.message).toContain('steps[0].targets[0].ref');
    for (const query of ['limit=0', 'limit=101', 'offset=-1']) {
      expect((await alice.get(`/policies?${query}`)).status).toBe(400);
    }

    const { body: schedule } = await alice
      .post('/schedules')
      .send(sreSchedule());
    const refused = await backend
      .as(CAROL)
      .post('/policies')
      .send(policyFor(SRE, schedule.id));
    expect(refused.status).toBe(403);
    expectConforms('POST /policies', refused);
    const { body: policy } = await alice
      .post('/policies')
      .send(policyFor(SRE, schedule.id));
    // Moving a policy to another group needs both groups.
    const moved = await alice
      .put(`/policies/${policy.id}`)
      .send({ ...policyFor(PAYMENTS, schedule.id), version: 1 });
    expect(moved.status).toBe(403);
    expect(
      (await backend.as(CAROL).delete(`/policies/${policy.id}?version=1`))
        .status,
    ).toBe(403);
  });
});
