import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore } from '../../database/__testUtils__/fixtures';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  FakeDirectory,
  fakeIncidents,
  group,
  MINUTE,
  PAYMENTS,
  pagerOn,
  policy,
  PRIMARY,
  recipientsOf,
  schedule,
  SCORING,
  SECONDARY,
  step,
  T0,
  user,
} from './__testUtils__/pagerFixtures';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const request = {
  entityRef: SCORING,
  title: 'SEV2: Scoring API errors',
  severity: 'high' as const,
};

/** Alice at once, the primary schedule 5 minutes later, the payments group 10 after that. */
const threeSteps = (repeat = 1) =>
  policy(
    [
      step(0, user(ALICE)),
      step(5, schedule(PRIMARY)),
      step(10, group(PAYMENTS)),
    ],
    repeat,
  );

async function setup(
  databaseId: TestDatabaseId,
  options: Parameters<typeof pagerOn>[1] = {},
) {
  const { store } = await migratedStore(databases, databaseId);
  const paging = pagerOn(store, options);
  paging.onCall.onCall.set(PRIMARY, [BOB]);
  return { store, ...paging };
}

describe.each(databases.eachSupportedId())('Pager on %s', databaseId => {
  it('pages step 0 at once and each later step when due, not before', async () => {
    const { pager, store, clock, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps(2)),
    });
    const outcome = await pager.open(request, ALICE);
    expect(outcome).toMatchObject({ outcome: 'paged', pagedUserRefs: [ALICE] });
    const pageId = outcome.page!.id;
    expect(outcome.page).toMatchObject({
      status: 'open',
      repeatIndex: 0,
      stepIndex: 0,
      ownerRef: PAYMENTS,
      policyName: 'Payments',
      nextEscalationAt: T0 + 5 * MINUTE,
    });

    // Due at T0+5, T0+15; the second pass at T0+15 (delay 0), T0+20, T0+30.
    const timeline: Array<[number, string[][]]> = [
      [5 * MINUTE - 1, []],
      [5 * MINUTE, [[BOB]]],
      [15 * MINUTE - 1, []],
      [15 * MINUTE, [[CAROL, DAVE]]],
      // The second pass's first step is due at the same instant: next run.
      [15 * MINUTE, [[ALICE]]],
      [20 * MINUTE, [[BOB]]],
      [30 * MINUTE, [[CAROL, DAVE]]],
      [3 * 60 * MINUTE, []],
    ];
    for (const [offset, expected] of timeline) {
      clock.set(T0 + offset);
      notifications.sent.length = 0;
      await pager.runDue();
      expect([offset, recipientsOf(notifications.sent)]).toEqual([
        offset,
        expected,
      ]);
    }
    // The last step is done: the page stays open (for an acknowledgement) but no longer escalates.
    expect(await store.getPage(pageId)).toMatchObject({
      status: 'open',
      repeatIndex: 1,
      stepIndex: 2,
    });
    expect((await store.getPage(pageId))!.nextEscalationAt).toBeUndefined();
    const deliveries = await store.listDeliveries([pageId]);
    expect(
      deliveries
        .map(d => `${d.repeatIndex}.${d.stepIndex} ${d.userRef} ${d.via}`)
        .sort(),
    ).toEqual(
      [
        `0.0 ${ALICE} ${ALICE}`,
        `0.1 ${BOB} schedule:${PRIMARY}`,
        `0.2 ${CAROL} ${PAYMENTS}`,
        `0.2 ${DAVE} ${PAYMENTS}`,
        `1.0 ${ALICE} ${ALICE}`,
        `1.1 ${BOB} schedule:${PRIMARY}`,
        `1.2 ${CAROL} ${PAYMENTS}`,
        `1.2 ${DAVE} ${PAYMENTS}`,
      ].sort(),
    );
  });

  it('sends the page notification and signals, and records email deliveries when email is on', async () => {
    const { pager, store, notifications, signals } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps()),
      emailEnabled: true,
    });
    const { page } = await pager.open(
      { ...request, description: 'Error ratio 12%' },
      ALICE,
    );
    expect(notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: {
          title: 'Paged: SEV2: Scoring API errors',
          description: expect.stringContaining('step 1 of 3'),
          link: `/oncall/pages/${page!.id}`,
          severity: 'high',
          topic: 'vigil-oncall-page',
          scope: `oncall-page:${page!.id}`,
        },
      },
    ]);
    expect(notifications.sent[0].payload.description).toContain(
      'Error ratio 12%',
    );
    expect(signals.publish.mock.calls.map(([s]: any) => s.message)).toEqual([
      { type: 'page_opened', pageId: page!.id },
      { type: 'page_escalated', pageId: page!.id },
    ]);
    expect(
      (await store.listDeliveries([page!.id])).map(d => d.channel).sort(),
    ).toEqual(['email', 'notification']);
  });

  it('retries a failed notification', async () => {
    const { pager, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps()),
    });
    notifications.send
      .mockRejectedValueOnce(new Error('Request failed with status 503'))
      .mockRejectedValueOnce(new Error('Request failed with status 503'));
    const outcome = await pager.open(request, ALICE);
    expect(outcome.pagedUserRefs).toEqual([ALICE]);
    expect(notifications.send).toHaveBeenCalledTimes(3);
    expect(notifications.sent).toHaveLength(1);
  });

  it('waits for a delayed first step', async () => {
    const { pager, clock, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(policy([step(2, user(BOB))])),
    });
    const outcome = await pager.open(request, ALICE);
    expect(outcome).toMatchObject({
      outcome: 'paged',
      pagedUserRefs: [],
      message: expect.stringContaining('2026-11-01T10:02:00.000Z'),
    });
    clock.set(T0 + 2 * MINUTE - 1);
    await pager.runDue();
    expect(notifications.sent).toHaveLength(0);
    clock.set(T0 + 2 * MINUTE);
    expect(await pager.runDue()).toEqual({ due: 1, delivered: 1 });
    expect(recipientsOf(notifications.sent)).toEqual([[BOB]]);
  });

  it('moves straight on past a step that reaches nobody', async () => {
    const { pager, store, clock, notifications, onCall } = await setup(
      databaseId,
      {
        directory: new FakeDirectory(
          policy([
            step(0, user(ALICE)),
            step(5, schedule(SECONDARY)),
            step(10, user(BOB)),
            step(10, user(CAROL)),
          ]),
        ),
      },
    );
    // The secondary schedule has a gap now.
    onCall.onCall.set(SECONDARY, []);
    const { page } = await pager.open(request, ALICE);
    clock.set(T0 + 5 * MINUTE);
    await pager.runDue();
    // Bob is paged at +5, when the empty step was due, not at +15.
    expect(recipientsOf(notifications.sent)).toEqual([[ALICE], [BOB]]);
    const stored = await store.getPage(page!.id);
    expect(stored).toMatchObject({ stepIndex: 2 });
    // The step after keeps its place in the plan (+25 from the opening).
    expect(stored!.nextEscalationAt).toBe(T0 + 25 * MINUTE);
    expect(
      (await store.listDeliveries([page!.id])).map(
        d => `${d.stepIndex} ${d.userRef}`,
      ),
    ).toEqual(expect.arrayContaining([`2 ${BOB}`]));
  });

  it('skips an empty first step when the page opens', async () => {
    const { pager, onCall } = await setup(databaseId, {
      directory: new FakeDirectory(
        policy([step(0, schedule(SECONDARY)), step(5, user(BOB))]),
      ),
    });
    onCall.onCall.set(SECONDARY, []);
    const outcome = await pager.open(request, ALICE);
    expect(outcome).toMatchObject({ outcome: 'paged', pagedUserRefs: [BOB] });
  });

  it('keeps an exhausted page when nobody is on call at any step', async () => {
    const { pager, store, clock, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(
        policy(
          [step(0, schedule(SECONDARY)), step(5, group('group:default/empty'))],
          3,
        ),
      ),
    });
    const outcome = await pager.open(request, ALICE);
    expect(outcome).toMatchObject({
      outcome: 'nobody-on-call',
      pagedUserRefs: [],
      page: { status: 'exhausted' },
    });
    expect(outcome.page!.nextEscalationAt).toBeUndefined();
    clock.set(T0 + 60 * MINUTE);
    expect(await pager.runDue()).toEqual({ due: 0, delivered: 0 });
    expect(notifications.sent).toHaveLength(0);
    expect((await store.getPage(outcome.page!.id))!.status).toBe('exhausted');
  });

  it('answers no-policy without keeping a page', async () => {
    const { pager, store } = await setup(databaseId);
    expect(await pager.open(request, ALICE)).toEqual({
      outcome: 'no-policy',
      pagedUserRefs: [],
      message: `No escalation policy covers ${SCORING}`,
    });
    expect(
      (await store.listPages({ entityRef: SCORING, limit: 10, offset: 0 }))
        .total,
    ).toBe(0);
  });

  it('never pages for a sandbox service, though its owner has a policy', async () => {
    const { pager, store, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps()),
    });
    const sandboxRef = 'component:sandbox/checkout';
    expect(
      await pager.open({ ...request, entityRef: sandboxRef }, ALICE),
    ).toEqual({
      outcome: 'no-policy',
      pagedUserRefs: [],
      message: `${sandboxRef} is a sandbox service: practice never pages real on-call`,
    });
    expect(notifications.sent).toHaveLength(0);
    expect(
      (await store.listPages({ entityRef: sandboxRef, limit: 10, offset: 0 }))
        .total,
    ).toBe(0);
  });

  it('stops escalating once acknowledged', async () => {
    const { pager, clock, notifications, signals } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps(3)),
    });
    const { page } = await pager.open(request, ALICE);
    clock.set(T0 + 2 * MINUTE);
    const acknowledged = await pager.acknowledge(page!.id, ALICE);
    expect(acknowledged).toMatchObject({
      acknowledged: true,
      page: {
        status: 'acknowledged',
        acknowledgedBy: ALICE,
        acknowledgedAt: T0 + 2 * MINUTE,
      },
    });
    expect(signals.publish).toHaveBeenLastCalledWith(
      expect.objectContaining({
        channel: 'vigil-oncall',
        message: { type: 'page_acknowledged', pageId: page!.id },
      }),
    );
    for (const minutes of [5, 15, 60, 600]) {
      clock.set(T0 + minutes * MINUTE);
      await pager.runDue();
    }
    expect(recipientsOf(notifications.sent)).toEqual([[ALICE]]);
    expect(await pager.acknowledge(page!.id, BOB)).toMatchObject({
      acknowledged: false,
      page: { acknowledgedBy: ALICE },
    });
    expect(await pager.acknowledge('missing', BOB)).toBeUndefined();
  });

  it('tells the incidents backend about incident pages', async () => {
    const incidents = fakeIncidents();
    const { pager, clock } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps()),
      incidents,
    });
    const { page } = await pager.open(
      { ...request, incidentId: 'inc-1', link: '/incidents/inc-1' },
      'plugin:incidents',
    );
    clock.set(T0 + 5 * MINUTE);
    await pager.runDue();
    expect(incidents.recordPaging.mock.calls).toEqual([
      [
        'inc-1',
        {
          at: T0,
          repeatIndex: 0,
          stepIndex: 0,
          userRefs: [ALICE],
          policyName: 'Payments',
          via: [ALICE],
        },
      ],
      [
        'inc-1',
        {
          at: T0 + 5 * MINUTE,
          repeatIndex: 0,
          stepIndex: 1,
          userRefs: [BOB],
          policyName: 'Payments',
          via: [`schedule:${PRIMARY}`],
        },
      ],
    ]);
    const credentials = mockCredentials.user(BOB);
    await pager.acknowledge(page!.id, BOB, credentials);
    expect(incidents.acknowledge).toHaveBeenCalledWith('inc-1', credentials);
  });

  it('acknowledges and resolves an incident’s pages when the incident says so', async () => {
    const incidents = fakeIncidents();
    const { pager, store, clock, notifications } = await setup(databaseId, {
      directory: new FakeDirectory(threeSteps()),
      incidents,
    });
    const first = await pager.open({ ...request, incidentId: 'inc-2' }, ALICE);
    const second = await pager.open({ ...request, incidentId: 'inc-2' }, ALICE);
    await pager.open({ ...request, incidentId: 'inc-3' }, ALICE);
    // Without a link of its own, the notification leads to the incident.
    expect(notifications.sent[0].payload.link).toBe('/incidents/inc-2');
    expect(await pager.acknowledgeIncident('inc-2', BOB)).toBe(2);
    // Acknowledged there already: no call back.
    expect(incidents.acknowledge).not.toHaveBeenCalled();
    expect(await pager.acknowledgeIncident('inc-2', BOB)).toBe(0);
    notifications.sent.length = 0;
    clock.set(T0 + 5 * MINUTE);
    await pager.runDue();
    // Only inc-3's page escalates.
    expect(recipientsOf(notifications.sent)).toEqual([[BOB]]);
    expect(await pager.resolveIncident('inc-2')).toBe(2);
    for (const { page } of [first, second]) {
      expect(await store.getPage(page!.id)).toMatchObject({
        status: 'resolved',
        acknowledgedBy: BOB,
        resolvedAt: T0 + 5 * MINUTE,
      });
    }
  });

  it('asks who is on call once per run for all due pages', async () => {
    const { pager, clock, onCall } = await setup(databaseId, {
      directory: new FakeDirectory(
        policy([
          step(0, user(ALICE)),
          step(5, schedule(PRIMARY), schedule(SECONDARY)),
        ]),
      ),
    });
    onCall.onCall.set(SECONDARY, [CAROL]);
    for (let i = 0; i < 5; i++) await pager.open(request, ALICE);
    onCall.calls.length = 0;
    clock.set(T0 + 5 * MINUTE);
    expect(await pager.runDue()).toEqual({ due: 5, delivered: 5 });
    expect(onCall.calls).toEqual([
      { scheduleIds: [PRIMARY, SECONDARY], at: T0 + 5 * MINUTE },
    ]);
  });

  it('leaves a step due when resolving its targets fails, and delivers it next run', async () => {
    const { pager, clock, notifications, directory } = await setup(databaseId, {
      directory: new FakeDirectory(
        policy([step(0, user(ALICE)), step(5, group(PAYMENTS))]),
      ),
    });
    await pager.open(request, ALICE);
    const membersOf = jest
      .spyOn(directory, 'membersOf')
      .mockRejectedValueOnce(new Error('catalog unavailable'));
    clock.set(T0 + 5 * MINUTE);
    expect(await pager.runDue()).toEqual({ due: 1, delivered: 0 });
    membersOf.mockRestore();
    clock.set(T0 + 6 * MINUTE);
    expect(await pager.runDue()).toEqual({ due: 1, delivered: 1 });
    expect(recipientsOf(notifications.sent)).toEqual([[ALICE], [CAROL, DAVE]]);
  });
});
