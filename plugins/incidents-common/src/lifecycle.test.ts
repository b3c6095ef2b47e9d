import {
  INCIDENT_STATUSES,
  IncidentStatus,
  incidentSchema,
  timelineEventSchema,
  updateIncidentRequestSchema,
} from './model';
import {
  acknowledgeIncident,
  applyIncidentUpdate,
  assignRoleChanges,
  checkDetectedAt,
  checkVersion,
  declareIncident,
  isAllowedTransition,
  takeCommand,
} from './lifecycle';
import { T0, at, makeIncident } from './__testUtils__/fixtures';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const ALLOWED: Array<[IncidentStatus, IncidentStatus]> = [
  ['investigating', 'identified'],
  ['investigating', 'monitoring'],
  ['investigating', 'resolved'],
  ['identified', 'investigating'],
  ['identified', 'monitoring'],
  ['identified', 'resolved'],
  ['monitoring', 'investigating'],
  ['monitoring', 'identified'],
  ['monitoring', 'resolved'],
  ['resolved', 'investigating'],
  ['resolved', 'closed'],
];
const key = (a: string, b: string) => `${a}->${b}`;
const allowedKeys = new Set(ALLOWED.map(([a, b]) => key(a, b)));
const ALL_PAIRS = INCIDENT_STATUSES.flatMap(from =>
  INCIDENT_STATUSES.filter(to => to !== from).map(
    to => [from, to] as [IncidentStatus, IncidentStatus],
  ),
);
const FORBIDDEN = ALL_PAIRS.filter(([a, b]) => !allowedKeys.has(key(a, b)));

describe('status transitions', () => {
  it('covers every pair', () => {
    expect(ALLOWED.length + FORBIDDEN.length).toBe(20);
  });

  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(isAllowedTransition(from, to)).toBe(true);
    const result = applyIncidentUpdate(
      makeIncident({
        status: from,
        postmortemState: 'published',
        timestamps: { declaredAt: T0, acknowledgedAt: T0 },
      }),
      { status: to },
      ALICE,
      at(5),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.incident.status).toBe(to);
    expect(result.incident.version).toBe(2);
    expect(result.incident.updatedAt).toBe(at(5));
    expect(result.events).toEqual([
      { type: 'status_changed', at: at(5), actor: ALICE, from, to },
    ]);
    expect(incidentSchema.safeParse(result.incident).success).toBe(true);
    result.events.forEach(e =>
      expect(timelineEventSchema.safeParse(e).success).toBe(true),
    );
  });

  it.each(FORBIDDEN)('forbids %s -> %s', (from, to) => {
    expect(isAllowedTransition(from, to)).toBe(false);
    const incident = makeIncident({
      status: from,
      postmortemState: 'published',
    });
    const result = applyIncidentUpdate(incident, { status: to }, ALICE, at(5));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(
      from === 'closed' ? 'INCIDENT_CLOSED' : 'INVALID_TRANSITION',
    );
  });

  it.each(INCIDENT_STATUSES)('treats %s -> itself as a no-op', status => {
    const incident = makeIncident({ status });
    const result = applyIncidentUpdate(incident, { status }, ALICE, at(1));
    expect(result).toEqual({ ok: true, incident, events: [], changed: false });
  });

  it.each([
    [undefined, false, 'POSTMORTEM_REQUIRED'],
    ['draft', false, 'POSTMORTEM_REQUIRED'],
    ['in_review', false, 'POSTMORTEM_REQUIRED'],
    ['published', false, undefined],
    [undefined, true, undefined],
    ['draft', true, undefined],
  ] as const)(
    'closing with postmortem %s (force=%s) -> error %s',
    (postmortemState, force, code) => {
      const result = applyIncidentUpdate(
        makeIncident({ status: 'resolved', postmortemState }),
        { status: 'closed' },
        ALICE,
        at(60),
        { allowCloseWithoutPublishedPostmortem: force },
      );
      expect(result).toMatchObject(
        code
          ? { ok: false, error: { code } }
          : {
              ok: true,
              incident: { status: 'closed', timestamps: { closedAt: at(60) } },
            },
      );
    },
  );

  it('a rejected transition changes nothing else', () => {
    const incident = makeIncident({ status: 'investigating' });
    const result = applyIncidentUpdate(
      incident,
      { status: 'closed', severity: 'SEV1' },
      ALICE,
      at(1),
    );
    expect(result.ok).toBe(false);
    expect(incident.severity).toBe('SEV2');
  });
});

describe('timestamps', () => {
  it.each([
    ['identified', { acknowledgedAt: at(5) }],
    ['monitoring', { acknowledgedAt: at(5), mitigatedAt: at(5) }],
    [
      'resolved',
      { acknowledgedAt: at(5), mitigatedAt: at(5), resolvedAt: at(5) },
    ],
  ] as const)('first change to %s sets %o', (to, expected) => {
    const result = applyIncidentUpdate(
      makeIncident(),
      { status: to },
      ALICE,
      at(5),
    );
    expect(result.ok && result.incident.timestamps).toEqual({
      declaredAt: T0,
      ...expected,
    });
  });

  it('keeps the first time of each phase across later changes', () => {
    let incident = makeIncident();
    const steps: Array<[IncidentStatus, number]> = [
      ['identified', 2],
      ['monitoring', 10],
      ['identified', 15],
      ['monitoring', 20],
      ['resolved', 30],
    ];
    for (const [status, minute] of steps) {
      const r = applyIncidentUpdate(incident, { status }, ALICE, at(minute));
      if (!r.ok) throw new Error(r.error.message);
      incident = r.incident;
    }
    expect(incident.timestamps).toEqual({
      declaredAt: T0,
      acknowledgedAt: at(2),
      mitigatedAt: at(10),
      resolvedAt: at(30),
    });
    expect(incident.version).toBe(6);
  });

  it('reopening clears resolvedAt and resolving again sets it anew', () => {
    let r = applyIncidentUpdate(
      makeIncident(),
      { status: 'resolved' },
      ALICE,
      at(10),
    );
    if (!r.ok) throw new Error();
    r = applyIncidentUpdate(
      r.incident,
      { status: 'investigating' },
      ALICE,
      at(20),
    );
    if (!r.ok) throw new Error();
    expect(r.incident.timestamps.resolvedAt).toBeUndefined();
    expect(r.incident.timestamps.mitigatedAt).toBe(at(10));
    r = applyIncidentUpdate(r.incident, { status: 'resolved' }, ALICE, at(40));
    if (!r.ok) throw new Error();
    expect(r.incident.timestamps.resolvedAt).toBe(at(40));
  });

  it.each([
    ['a user changing the status', { status: 'identified' }, ALICE, true],
    [
      'a user assigning a commander',
      { roles: { commander: BOB } },
      ALICE,
      true,
    ],
    ['a user assigning a scribe', { roles: { scribe: BOB } }, ALICE, false],
    ['a user changing the severity', { severity: 'SEV1' }, ALICE, false],
    [
      'Alertmanager resolving it',
      { status: 'resolved' },
      'alertmanager',
      false,
    ],
    [
      'a service changing the status',
      { status: 'identified' },
      'plugin:chatops',
      false,
    ],
  ] as const)('acknowledgement by %s: %s', (_what, changes, actor, acks) => {
    const result = applyIncidentUpdate(makeIncident(), changes, actor, at(4));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.incident.timestamps.acknowledgedAt).toBe(
      acks ? at(4) : undefined,
    );
    expect(result.incident.acknowledgedBy).toBe(acks ? actor : undefined);
    expect(result.events.filter(e => e.type === 'acknowledged')).toEqual(
      acks ? [{ type: 'acknowledged', at: at(4), actor }] : [],
    );
  });

  it('keeps the first acknowledgement', () => {
    const incident = makeIncident({
      timestamps: { declaredAt: T0, acknowledgedAt: at(1) },
      acknowledgedBy: BOB,
    });
    const result = applyIncidentUpdate(
      incident,
      { status: 'identified' },
      ALICE,
      at(4),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.incident.timestamps.acknowledgedAt).toBe(at(1));
    expect(result.incident.acknowledgedBy).toBe(BOB);
    expect(result.events.map(e => e.type)).toEqual(['status_changed']);
  });

  it('acknowledges on first commander assignment, not on other roles', () => {
    const scribe = applyIncidentUpdate(
      makeIncident(),
      { roles: { scribe: BOB } },
      ALICE,
      at(1),
    );
    expect(
      scribe.ok && scribe.incident.timestamps.acknowledgedAt,
    ).toBeUndefined();
    if (!scribe.ok) return;
    const commander = applyIncidentUpdate(
      scribe.incident,
      assignRoleChanges({ role: 'commander', assignee: ALICE }),
      ALICE,
      at(3),
    );
    expect(commander.ok && commander.incident.timestamps.acknowledgedAt).toBe(
      at(3),
    );
  });
});

describe('roles', () => {
  it('assigns, reassigns and unassigns with history', () => {
    let r = applyIncidentUpdate(
      makeIncident(),
      { roles: { commander: ALICE } },
      ALICE,
      at(1),
    );
    if (!r.ok) throw new Error();
    expect(r.events).toEqual([
      {
        type: 'role_assigned',
        at: at(1),
        actor: ALICE,
        role: 'commander',
        assignee: ALICE,
      },
      { type: 'acknowledged', at: at(1), actor: ALICE },
    ]);
    r = applyIncidentUpdate(
      r.incident,
      { roles: { commander: BOB } },
      ALICE,
      at(2),
    );
    if (!r.ok) throw new Error();
    expect(r.events[0]).toMatchObject({
      type: 'role_assigned',
      assignee: BOB,
      previous: ALICE,
    });
    r = applyIncidentUpdate(
      r.incident,
      { roles: { commander: null } },
      BOB,
      at(3),
    );
    if (!r.ok) throw new Error();
    expect(r.events).toEqual([
      {
        type: 'role_unassigned',
        at: at(3),
        actor: BOB,
        role: 'commander',
        previous: BOB,
      },
    ]);
    expect(r.incident.roles).toEqual({});
    expect(r.incident.roleHistory).toEqual([
      {
        role: 'commander',
        assignee: ALICE,
        assignedAt: at(1),
        assignedBy: ALICE,
        unassignedAt: at(2),
        unassignedBy: ALICE,
      },
      {
        role: 'commander',
        assignee: BOB,
        assignedAt: at(2),
        assignedBy: ALICE,
        unassignedAt: at(3),
        unassignedBy: BOB,
      },
    ]);
    expect(r.incident.version).toBe(4);
  });

  it('re-assigning the same person or unassigning nobody is a no-op', () => {
    const incident = makeIncident({ roles: { scribe: BOB } });
    for (const roles of [{ scribe: BOB }, { commander: null }]) {
      const r = applyIncidentUpdate(incident, { roles }, ALICE, at(1));
      expect(r).toMatchObject({ ok: true, changed: false, events: [] });
    }
  });
});

describe('severity and other fields', () => {
  it('records severity changes', () => {
    const r = applyIncidentUpdate(
      makeIncident(),
      { severity: 'SEV1', title: 'Checkout down' },
      ALICE,
      at(1),
    );
    expect(r).toMatchObject({
      ok: true,
      incident: { severity: 'SEV1', title: 'Checkout down', version: 2 },
      events: [{ type: 'severity_changed', from: 'SEV2', to: 'SEV1' }],
    });
  });

  it('rejects any change to a closed incident', () => {
    const r = applyIncidentUpdate(
      makeIncident({ status: 'closed' }),
      { severity: 'SEV1' },
      ALICE,
      at(1),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'INCIDENT_CLOSED' } });
  });
});

describe('versions', () => {
  const conflict = expect.stringContaining('version conflict');
  it.each([
    [1, 1, true],
    [2, 1, false],
    [1, 2, false],
  ])('current %d expected %d -> ok %s', (actual, expected, ok) => {
    const result = checkVersion(makeIncident({ version: actual }), expected);
    expect(result).toEqual(
      ok
        ? { ok: true }
        : {
            ok: false,
            conflict: { expected, actual },
            message: conflict,
          },
    );
  });

  it('applyIncidentUpdate rejects a stale expectedVersion before anything else', () => {
    const r = applyIncidentUpdate(
      makeIncident({ version: 3 }),
      { expectedVersion: 2, status: 'closed' },
      ALICE,
      at(1),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } });
  });

  it('accepts a matching expectedVersion and bumps it', () => {
    const r = applyIncidentUpdate(
      makeIncident({ version: 3 }),
      { expectedVersion: 3, severity: 'SEV3' },
      ALICE,
      at(1),
    );
    expect(r.ok && r.incident.version).toBe(4);
  });
});

describe('declareIncident and request schemas', () => {
  it('declares an incident with a commander, acknowledged at once', () => {
    const { incident, events } = declareIncident(
      {
        title: 'Checkout errors',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        commander: ALICE,
        detectedAt: at(-3),
      },
      'inc-9',
      BOB,
      T0,
    );
    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(incident).toMatchObject({
      status: 'investigating',
      version: 1,
      roles: { commander: ALICE },
      timestamps: { declaredAt: T0, detectedAt: at(-3), acknowledgedAt: T0 },
      acknowledgedBy: BOB,
    });
    expect(events.map(e => e.type)).toEqual(['role_assigned']);
  });

  it.each([
    ['a user, without detectedAt', 'user', undefined, T0, T0, BOB],
    ['a user, detected earlier', 'user', at(-30), at(-30), T0, BOB],
    [
      'Alertmanager, first alert earlier',
      'alertmanager',
      at(-7),
      at(-7),
      undefined,
      undefined,
    ],
    [
      'Alertmanager, alert clock ahead',
      'alertmanager',
      at(1),
      T0,
      undefined,
      undefined,
    ],
  ] as const)(
    'declared by %s: detected and acknowledged as expected',
    (_what, source, detectedAt, detected, acknowledged, by) => {
      const { incident } = declareIncident(
        {
          title: 'x',
          severity: 'SEV3',
          entityRefs: ['component:default/checkout'],
          ...(detectedAt ? { detectedAt } : {}),
        },
        'inc-1',
        source === 'user' ? BOB : 'alertmanager',
        T0,
        { source },
      );
      expect(incident.timestamps.detectedAt).toBe(detected);
      expect(incident.timestamps.acknowledgedAt).toBe(acknowledged);
      expect(incident.acknowledgedBy).toBe(by);
      expect(incidentSchema.parse(incident)).toEqual(incident);
    },
  );

  it.each([
    [undefined, { ok: true, detectedAt: T0 }],
    [at(-60), { ok: true, detectedAt: at(-60) }],
    ['2024-05-01T13:50:00+02:00', { ok: true, detectedAt: at(-10) }],
    // Within the forgiven clock skew: clamped to the declaration.
    [at(1), { ok: true, detectedAt: T0 }],
    [at(2), { ok: true, detectedAt: T0 }],
    [
      at(3),
      { ok: false, message: expect.stringMatching(/after the declaration/) },
    ],
    [
      '2099-01-01T00:00:00Z',
      { ok: false, message: expect.stringMatching(/after the declaration/) },
    ],
  ])('checkDetectedAt(%s)', (detectedAt, expected) => {
    expect(checkDetectedAt(detectedAt, T0)).toMatchObject(expected);
  });

  it.each([
    ['stale version', {}, 2, 'VERSION_CONFLICT'],
    ['closed', { status: 'closed' }, 1, 'INCIDENT_CLOSED'],
    [
      'already acknowledged',
      { timestamps: { declaredAt: T0, acknowledgedAt: T0 } },
      1,
      'ALREADY_ACKNOWLEDGED',
    ],
  ] as const)(
    'acknowledgeIncident refuses when %s',
    (_w, overrides, version, code) => {
      const result = acknowledgeIncident(
        makeIncident(overrides as object),
        version,
        ALICE,
        at(5),
      );
      expect(result).toMatchObject({ ok: false, error: { code } });
    },
  );

  it('acknowledgeIncident records who and when, with an event', () => {
    const result = acknowledgeIncident(makeIncident(), 1, ALICE, at(5));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.incident).toMatchObject({
      acknowledgedBy: ALICE,
      timestamps: { declaredAt: T0, acknowledgedAt: at(5) },
      version: 2,
      updatedAt: at(5),
    });
    expect(result.events).toEqual([
      { type: 'acknowledged', at: at(5), actor: ALICE },
    ]);
    expect(incidentSchema.parse(result.incident)).toEqual(result.incident);
  });

  it.each([
    ['stale version', {}, 3, 'VERSION_CONFLICT'],
    ['closed', { status: 'closed' }, 1, 'INCIDENT_CLOSED'],
    ['it has a commander', { roles: { commander: BOB } }, 1, 'HAS_COMMANDER'],
  ] as const)('takeCommand refuses when %s', (_w, overrides, version, code) => {
    const result = takeCommand(
      makeIncident(overrides as object),
      version,
      ALICE,
      at(5),
    );
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it('takeCommand makes the caller commander like a role change, and acknowledges', () => {
    const result = takeCommand(makeIncident(), 1, ALICE, at(5));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.incident.roles).toEqual({ commander: ALICE });
    expect(result.incident.roleHistory).toEqual([
      {
        role: 'commander',
        assignee: ALICE,
        assignedAt: at(5),
        assignedBy: ALICE,
      },
    ]);
    expect(result.incident.timestamps.acknowledgedAt).toBe(at(5));
    expect(result.events.map(e => e.type)).toEqual([
      'role_assigned',
      'acknowledged',
    ]);
  });

  it.each([
    [{ expectedVersion: 1, status: 'resolved' }, true],
    [{ expectedVersion: 1 }, false],
    [{ status: 'resolved' }, false],
    [{ expectedVersion: 1, status: 'done' }, false],
    [{ expectedVersion: 1, entityRefs: [] }, false],
    [{ expectedVersion: 1, entityRefs: ['checkout'] }, false],
    [
      {
        expectedVersion: 1,
        entityRefs: ['component:default/a', 'component:default/a'],
      },
      false,
    ],
    [{ expectedVersion: 1, roles: { commander: null } }, true],
    [{ expectedVersion: 1, bogus: 1 }, false],
  ])('update request %o valid=%s', (body, valid) => {
    expect(updateIncidentRequestSchema.safeParse(body).success).toBe(valid);
  });
});
