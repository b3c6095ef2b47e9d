import {
  DAY,
  expectConforms,
  HOUR,
  testBackends,
} from './__testUtils__/backend';
import { ALICE, BOB, CAROL, GUEST, SRE } from './__testUtils__/catalog';
import { sreSchedule } from './__testUtils__/requests';

const { startBackend } = testBackends();
const iso = (ms: number) => new Date(ms).toISOString();

describe('overrides, temporary schedules and taking shifts', () => {
  it('adds and removes overrides: future ones go, started ones end now, ended ones stay (409)', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const { body: schedule } = await alice
      .post('/schedules')
      .send(sreSchedule());
    const now = Date.now();
    const future = await alice
      .post(`/schedules/${schedule.id}/overrides`)
      .send({
        action: 'add',
        userRef: GUEST,
        start: iso(now + DAY),
        end: iso(now + 2 * DAY),
        note: 'cover',
      });
    expect(future.status).toBe(201);
    expectConforms('POST /schedules/{id}/overrides', future);
    expect(future.body).toMatchObject({
      action: 'add',
      userRef: GUEST,
      createdBy: ALICE,
      start: iso(now + DAY),
    });
    // Guest's shifts changed: they are told.
    expect(backend.sent).toContainEqual(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [GUEST] },
        payload: expect.objectContaining({ topic: 'vigil-oncall-shifts' }),
      }),
    );

    const started = await alice
      .post(`/schedules/${schedule.id}/overrides`)
      .send({
        action: 'replace',
        userRef: GUEST,
        start: iso(now - HOUR),
        end: iso(now + HOUR),
      });
    expect(started.status).toBe(201);
    const ended = await backend.store.createOverride({
      scheduleId: schedule.id,
      start: now - 3 * HOUR,
      end: now - 2 * HOUR,
      action: 'add',
      userRef: BOB,
      createdBy: ALICE,
      createdAt: now - 4 * HOUR,
    });

    const path = `/schedules/${schedule.id}/overrides`;
    expect((await alice.delete(`${path}/${future.body.id}`)).status).toBe(204);
    expect(await backend.store.getOverride(future.body.id)).toBeUndefined();
    expect((await alice.delete(`${path}/${started.body.id}`)).status).toBe(204);
    const truncated = await backend.store.getOverride(started.body.id);
    expect(truncated!.end).toBeLessThanOrEqual(Date.now());
    expect(truncated!.end).toBeGreaterThanOrEqual(now);
    const history = await alice.delete(`${path}/${ended.id}`);
    expect(history.status).toBe(409);
    expect(history.body.error.message).toContain('history is kept');
    expect((await alice.delete(`${path}/nope`)).status).toBe(404);
    expect((await backend.as(CAROL).delete(`${path}/${ended.id}`)).status).toBe(
      403,
    );
  });

  it('answers 400 for an override that ends before it starts, and 403 for non-owners', async () => {
    const backend = await startBackend();
    const { body: schedule } = await backend
      .as(ALICE)
      .post('/schedules')
      .send(sreSchedule());
    const now = Date.now();
    const backwards = await backend
      .as(ALICE)
      .post(`/schedules/${schedule.id}/overrides`)
      .send({
        action: 'add',
        userRef: GUEST,
        start: iso(now + DAY),
        end: iso(now),
      });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/end: must be after start/);
    const badUser = await backend
      .as(ALICE)
      .post(`/schedules/${schedule.id}/overrides`)
      .send({
        action: 'add',
        userRef: SRE,
        start: iso(now),
        end: iso(now + 1),
      });
    expect(badUser.status).toBe(400);
    expect(badUser.body.error.message).toContain('userRef');
    const foreign = await backend
      .as(CAROL)
      .post(`/schedules/${schedule.id}/overrides`)
      .send({
        action: 'add',
        userRef: CAROL,
        start: iso(now),
        end: iso(now + HOUR),
      });
    expect(foreign.status).toBe(403);
    expect(backend.auditorEvent.fail).not.toHaveBeenCalled();
  });

  it('adds and removes temporary schedules', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const { body: schedule } = await alice
      .post('/schedules')
      .send(sreSchedule());
    const now = Date.now();
    const created = await alice
      .post(`/schedules/${schedule.id}/temporary-schedules`)
      .send({
        start: iso(now + DAY),
        end: iso(now + 2 * DAY),
        shifts: [
          { userRef: GUEST, start: iso(now + DAY), end: iso(now + 2 * DAY) },
        ],
      });
    expect(created.status).toBe(201);
    expectConforms('POST /schedules/{id}/temporary-schedules', created);
    const timeline = await alice.get(
      `/schedules/${schedule.id}/timeline?from=${iso(now + DAY)}&to=${iso(
        now + 2 * DAY,
      )}`,
    );
    expect(timeline.body.final).toEqual([
      expect.objectContaining({ userRefs: [GUEST], source: 'temporary' }),
    ]);
    const outside = await alice
      .post(`/schedules/${schedule.id}/temporary-schedules`)
      .send({
        start: iso(now + DAY),
        end: iso(now + 2 * DAY),
        shifts: [{ userRef: GUEST, start: iso(now), end: iso(now + DAY) }],
      });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain('shifts[0]');
    const removed = await alice.delete(
      `/schedules/${schedule.id}/temporary-schedules/${created.body.id}`,
    );
    expect(removed.status).toBe(204);
  });

  it('lets participants take a shift, and no one else (403)', async () => {
    const backend = await startBackend();
    const { body: schedule } = await backend
      .as(ALICE)
      .post('/schedules')
      .send(sreSchedule());
    const now = Date.now();
    const body = { replacesRef: ALICE, start: iso(now), end: iso(now + DAY) };
    const taken = await backend
      .as(BOB)
      .post(`/schedules/${schedule.id}/take-shift`)
      .send(body);
    expect(taken.status).toBe(201);
    expectConforms('POST /schedules/{id}/take-shift', taken);
    expect(taken.body).toMatchObject({
      action: 'replace',
      userRef: BOB,
      replacesRef: ALICE,
    });
    // Guest is in SRE but not a participant of this schedule.
    const refused = await backend
      .as(GUEST)
      .post(`/schedules/${schedule.id}/take-shift`)
      .send(body);
    expect(refused.status).toBe(403);
    expectConforms('POST /schedules/{id}/take-shift', refused);
    const byService = await backend.service
      .post(`/schedules/${schedule.id}/take-shift`)
      .send(body);
    expect(byService.status).toBe(403);
  });

  it('keeps history: an edit through the API changes the future, not the past', async () => {
    const backend = await startBackend();
    const now = Date.now();
    // Created a week ago, straight in the store (the API creates "now").
    const schedule = await backend.store.createSchedule({
      ownerRef: SRE,
      name: 'Daily',
      timeZone: 'UTC',
      layers: [
        {
          id: 'daily',
          name: 'Daily',
          rotation: { unit: 'day', length: 1 },
          start: '2026-01-01T00:00',
          participants: [ALICE, BOB],
          restrictions: [],
        },
      ],
      createdBy: ALICE,
      now: now - 7 * DAY,
    });
    const alice = backend.as(ALICE);
    const past = `/schedules/${schedule.id}/timeline?from=${iso(
      now - 6 * DAY,
    )}&to=${iso(now - HOUR)}`;
    const before = await alice.get(past);
    expect(before.status).toBe(200);
    expectConforms('GET /schedules/{id}/timeline', before);
    expect(before.body.final.length).toBeGreaterThan(4);

    const edited = await alice.put(`/schedules/${schedule.id}`).send({
      version: 1,
      name: 'Daily',
      timeZone: 'UTC',
      layers: [
        {
          id: 'daily',
          name: 'Daily',
          rotation: { unit: 'day', length: 1 },
          start: '2026-01-01T00:00',
          participants: [GUEST],
        },
      ],
    });
    expect(edited.status).toBe(200);
    const after = await alice.get(past);
    expect(after.body.final).toEqual(before.body.final);
    const future = await alice.get(
      `/schedules/${schedule.id}/timeline?from=${iso(now + DAY)}&to=${iso(
        now + 3 * DAY,
      )}`,
    );
    expect(future.body.final).toEqual([
      expect.objectContaining({ userRefs: [GUEST], gap: false }),
    ]);
    // Alice and Bob lost their future shifts, Guest gained some.
    const told = backend.sent.flatMap(s => (s.recipients as any).entityRef);
    expect(told).toEqual(expect.arrayContaining([BOB, GUEST]));
    expect(told).not.toContain(ALICE); // she made the change
  });
});
