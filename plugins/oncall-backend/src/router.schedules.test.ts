import { expectConforms, testBackends } from './__testUtils__/backend';
import { ALICE, CAROL, SRE } from './__testUtils__/catalog';
import { sreSchedule } from './__testUtils__/requests';

const { startBackend } = testBackends();

describe('schedules', () => {
  it('creates, reads, lists, edits and deletes a schedule as a member of its group', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const created = await alice.post('/schedules').send(sreSchedule());
    expect(created.status).toBe(201);
    expectConforms('POST /schedules', created);
    expect(created.body).toMatchObject({
      ownerRef: SRE,
      name: 'SRE primary',
      timeZone: 'Europe/Berlin',
      version: 1,
      layers: [{ name: 'Weekly', id: expect.any(String), restrictions: [] }],
    });
    const { id } = created.body;
    expect(backend.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'schedule-create' }),
    );
    expect(backend.auditorEvent.success).toHaveBeenCalled();

    const read = await alice.get(`/schedules/${id}`);
    expect(read.status).toBe(200);
    expectConforms('GET /schedules/{id}', read);

    const listed = await backend.as(CAROL).get(`/schedules?ownerRef=${SRE}`);
    expect(listed.status).toBe(200);
    expectConforms('GET /schedules', listed);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id }] });
    const byParticipant = await alice.get(
      `/schedules?participantRef=${ALICE}&ownerRef=${SRE}&ownerRef=group:default/payments&limit=1&offset=0`,
    );
    expect(byParticipant.body.total).toBe(1);

    const layerId = created.body.layers[0].id;
    const edited = await alice.put(`/schedules/${id}`).send({
      version: 1,
      name: 'SRE primary (renamed)',
      timeZone: 'America/New_York',
      layers: [{ ...sreSchedule().layers![0], id: layerId }],
    });
    expect(edited.status).toBe(200);
    expectConforms('PUT /schedules/{id}', edited);
    expect(edited.body).toMatchObject({
      version: 2,
      timeZone: 'America/New_York',
      layers: [{ id: layerId }],
    });
    expect(backend.signals).toContainEqual({
      channel: 'vigil-oncall',
      message: { type: 'schedule_changed', scheduleId: id, version: 2 },
    });

    const stale = await alice.put(`/schedules/${id}`).send({
      version: 1,
      name: 'x',
      timeZone: 'UTC',
      layers: [],
    });
    expect(stale.status).toBe(409);
    expectConforms('PUT /schedules/{id}', stale);
    expect((await alice.delete(`/schedules/${id}?version=1`)).status).toBe(409);

    const deleted = await alice.delete(`/schedules/${id}?version=2`);
    expect(deleted.status).toBe(204);
    expect((await alice.get(`/schedules/${id}`)).status).toBe(404);
  });

  it('answers 400 naming the field', async () => {
    const alice = (await startBackend()).as(ALICE);
    const cases: [object, string][] = [
      [sreSchedule({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      [
        sreSchedule({
          layers: [{ ...sreSchedule().layers![0], participants: [] }],
        }),
        'layers[0].participants',
      ],
      [
        sreSchedule({
          layers: [{ ...sreSchedule().layers![0], start: 'tomorrow' }],
        }),
        'layers[0].start',
      ],
      [sreSchedule({ ownerRef: 'user:default/alice' }), 'ownerRef'],
      [sreSchedule({ name: 'a\u0000b' }), 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await alice.post('/schedules').send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.error.message).toContain(field);
      expectConforms('POST /schedules', res);
    }
    for (const query of [
      'limit=0',
      'limit=101',
      'offset=-1',
      'offset=1000001',
      'limit=1e2',
      'ownerRef=sre',
      'colour=red',
    ]) {
      const res = await alice.get(`/schedules?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const badVersion = await alice.delete('/schedules/abc?version=zero');
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.message).toContain('version');
  });

  it('refuses non-members of the owning group (403), also when creating', async () => {
    const backend = await startBackend();
    const carol = backend.as(CAROL);
    const refused = await carol.post('/schedules').send(sreSchedule());
    expect(refused.status).toBe(403);
    expectConforms('POST /schedules', refused);
    expect(refused.body.error.message).toContain('oncall.schedule.manage');

    const { body } = await backend
      .as(ALICE)
      .post('/schedules')
      .send(sreSchedule());
    const edit = await carol
      .put(`/schedules/${body.id}`)
      .send({ ...sreSchedule(), version: 1 });
    expect(edit.status).toBe(403);
    expect((await carol.delete(`/schedules/${body.id}?version=1`)).status).toBe(
      403,
    );
    // A service (e.g. a provisioning job) is allowed by the policy.
    const byService = await backend.service
      .post('/schedules')
      .send(sreSchedule({ name: 'By a service' }));
    expect(byService.status).toBe(201);
  });

  it('needs a user or a service on every route but the feed (401)', async () => {
    const { anonymous } = await startBackend();
    const id = 'abc';
    const calls = [
      anonymous.get('/schedules'),
      anonymous.post('/schedules').send(sreSchedule()),
      anonymous.get(`/schedules/${id}`),
      anonymous.put(`/schedules/${id}`).send({}),
      anonymous.delete(`/schedules/${id}?version=1`),
      anonymous.get(`/schedules/${id}/timeline`),
      anonymous.get(`/schedules/${id}/on-call`),
      anonymous.post(`/schedules/${id}/overrides`).send({}),
      anonymous.delete(`/schedules/${id}/overrides/o1`),
      anonymous.post(`/schedules/${id}/temporary-schedules`).send({}),
      anonymous.delete(`/schedules/${id}/temporary-schedules/t1`),
      anonymous.post(`/schedules/${id}/take-shift`).send({}),
      anonymous.get(`/on-call?scheduleId=${id}`),
      anonymous.get('/my/shifts'),
      anonymous.get('/policies'),
      anonymous.post('/policies').send({}),
      anonymous.get(`/policies/${id}`),
      anonymous.put(`/policies/${id}`).send({}),
      anonymous.delete(`/policies/${id}?version=1`),
      anonymous.post('/pages').send({}),
      anonymous.get('/pages'),
      anonymous.get(`/pages/${id}`),
      anonymous.post(`/pages/${id}/acknowledge`),
      anonymous.post(`/incident-pages/${id}/acknowledge`).send({}),
      anonymous.post(`/incident-pages/${id}/resolve`),
      anonymous.post('/calendar-tokens').send({}),
      anonymous.get('/calendar-tokens'),
      anonymous.delete(`/calendar-tokens/${id}`),
    ];
    for (const call of calls) {
      const res = await call;
      const url = (res as unknown as { req: { path: string } }).req.path;
      expect({ url, status: res.status }).toEqual({
        url,
        status: 401,
      });
    }
  });
});
