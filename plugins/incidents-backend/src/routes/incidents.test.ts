import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { slothPayload } from '../__testUtils__/alertmanager';
import { expectConforms, PAT, testBackends } from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { startBackend } = testBackends();

describe('the incidents API: incidents', () => {
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

  it('pages the list by cursor and refuses a malformed cursor with 400', async () => {
    const { alice } = await startBackend();
    const ids = new Set<string>();
    for (const title of ['One', 'Two', 'Three']) {
      const declared = await alice
        .post('/incidents')
        .send({ title, severity: 'SEV3', entityRefs: [SCORING] });
      ids.add(declared.body.incident.id);
    }
    const first = await alice.get('/incidents?limit=2');
    expectConforms('get', '/incidents', first);
    expect(first.body).toMatchObject({ totalCount: 3 });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await alice.get(
      `/incidents?limit=2&cursor=${first.body.nextCursor}`,
    );
    expectConforms('get', '/incidents', second);
    expect(second.body.items).toHaveLength(1);
    expect(second.body).not.toHaveProperty('nextCursor');
    expect(
      new Set([...first.body.items, ...second.body.items].map(i => i.id)),
    ).toEqual(ids);

    for (const [query, message] of [
      [
        'cursor=bm90IGEgY3Vyc29y',
        'cursor: must be a nextCursor this API returned',
      ],
      ['cursor=a%2Fb', 'cursor'],
      [
        `cursor=${first.body.nextCursor}&offset=2`,
        'offset: must not be combined with cursor',
      ],
    ]) {
      const refused = await alice.get(`/incidents?${query}`);
      expect([query, refused.status]).toEqual([query, 400]);
      expect(refused.body.error.message).toContain(message);
      expectConforms('get', '/incidents', refused);
    }
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
