import { incidentSchema, updateIncidentRequestSchema } from './model';
import {
  acknowledgeIncident,
  checkDetectedAt,
  declareIncident,
  takeCommand,
} from './lifecycle';
import { T0, at, makeIncident } from './__testUtils__/fixtures';
import { ALICE, BOB } from './__testUtils__/actors';

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
