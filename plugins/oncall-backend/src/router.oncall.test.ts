import { DAY, expectConforms, testBackends } from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  DMITRI,
  GUEST,
  PAYMENTS,
  SCORING_API,
  SRE,
} from './__testUtils__/catalog';
import {
  paymentsSchedule,
  policyFor,
  sreSchedule,
} from './__testUtils__/requests';

const { startBackend } = testBackends();
const iso = (ms: number) => new Date(ms).toISOString();
// A Berlin midnight (CET, UTC+1): day 0 of the payments rotation is guest's.
const JAN_1 = Date.parse('2026-01-01T00:00:00+01:00');

describe('who is on call', () => {
  it('answers for a schedule, a group and an entity (through its owner)', async () => {
    const backend = await startBackend();
    const carol = backend.as(CAROL);
    const schedule = await backend.store.createSchedule({
      ...(paymentsSchedule() as any),
      layers: paymentsSchedule().layers!.map((l, i) => ({
        ...l,
        id: `l${i}`,
        restrictions: [],
      })),
      createdBy: CAROL,
      now: JAN_1 - DAY,
    });
    const policy = await carol
      .post('/policies')
      .send(policyFor(PAYMENTS, schedule.id));
    expect(policy.status).toBe(201);

    const at = iso(JAN_1 + 3 * DAY + 3_600_000); // day 3: guest again
    const bySchedule = await carol.get(
      `/schedules/${schedule.id}/on-call?at=${at}`,
    );
    expect(bySchedule.status).toBe(200);
    expectConforms('GET /schedules/{id}/on-call', bySchedule);
    expect(bySchedule.body).toEqual({
      scheduleId: schedule.id,
      scheduleName: 'Payments daily',
      timeZone: 'Europe/Berlin',
      at,
      userRefs: [GUEST],
      until: iso(JAN_1 + 4 * DAY),
      next: { userRefs: [CAROL], start: iso(JAN_1 + 4 * DAY) },
    });

    for (const query of [
      `entityRef=${SCORING_API}`,
      `groupRef=${PAYMENTS}`,
      `scheduleId=${schedule.id}`,
    ]) {
      const res = await backend.as(ALICE).get(`/on-call?${query}&at=${at}`);
      expect(res.status).toBe(200);
      expectConforms('GET /on-call', res);
      expect(res.body).toMatchObject({
        at,
        ownerRef: PAYMENTS,
        schedules: [{ scheduleId: schedule.id, userRefs: [GUEST] }],
        policy: { id: policy.body.id, name: 'payments escalation' },
      });
    }
    const nobody = await carol.get(`/on-call?groupRef=${SRE}`);
    expect(nobody.body).toMatchObject({
      ownerRef: SRE,
      schedules: [],
      policy: null,
    });
    expect(
      (await carol.get('/on-call?entityRef=component:default/unknown')).status,
    ).toBe(404);
    expect((await carol.get(`/on-call?scheduleId=missing`)).status).toBe(404);
  });

  it('answers 400 for a query that names no or two targets, or a bad instant', async () => {
    const carol = (await startBackend()).as(CAROL);
    for (const query of [
      '',
      `groupRef=${PAYMENTS}&entityRef=${SCORING_API}`,
      `groupRef=${PAYMENTS}&at=yesterday`,
      'groupRef=payments',
    ]) {
      const res = await carol.get(`/on-call?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expectConforms('GET /on-call', res);
    }
  });

  it('shows a timeline with layers, the final result and gaps, at most 100 days', async () => {
    const backend = await startBackend();
    const alice = backend.as(ALICE);
    const { body: schedule } = await alice.post('/schedules').send(
      sreSchedule({
        layers: [
          {
            ...sreSchedule().layers![0],
            restrictions: [
              { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
            ],
          },
        ],
      }),
    );
    const from = Date.now() + DAY;
    const res = await alice.get(
      `/schedules/${schedule.id}/timeline?from=${iso(from)}&to=${iso(
        from + 14 * DAY,
      )}`,
    );
    expect(res.status).toBe(200);
    expectConforms('GET /schedules/{id}/timeline', res);
    expect(res.body.layers).toEqual([
      expect.objectContaining({
        layerId: schedule.layers[0].id,
        name: 'Weekly',
      }),
    ]);
    expect(res.body.layers[0].shifts.length).toBeGreaterThan(5);
    expect(res.body.gaps.length).toBeGreaterThan(5);
    expect(res.body.final.some((s: any) => s.gap)).toBe(true);

    const defaults = await alice.get(`/schedules/${schedule.id}/timeline`);
    expect(Date.parse(defaults.body.to) - Date.parse(defaults.body.from)).toBe(
      14 * DAY,
    );
    for (const query of [
      `from=${iso(from)}&to=${iso(from + 101 * DAY)}`,
      `from=${iso(from)}&to=${iso(from - DAY)}`,
      'from=2026-01-01',
    ]) {
      const bad = await alice.get(
        `/schedules/${schedule.id}/timeline?${query}`,
      );
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
    }
  });

  it("lists the caller's shifts across schedules", async () => {
    const backend = await startBackend();
    await backend.as(CAROL).post('/schedules').send(paymentsSchedule());
    const res = await backend.as(DMITRI).get('/my/shifts');
    expect(res.status).toBe(200);
    expectConforms('GET /my/shifts', res);
    // Every third day for 28 days.
    expect(res.body.items.length).toBeGreaterThanOrEqual(9);
    expect(res.body.items[0]).toMatchObject({
      scheduleName: 'Payments daily',
      ownerRef: PAYMENTS,
    });
    const ms =
      Date.parse(res.body.items[0].end) - Date.parse(res.body.items[0].start);
    expect(ms).toBeLessThanOrEqual(DAY);
    expect((await backend.service.get('/my/shifts')).status).toBe(403);
  });
});
