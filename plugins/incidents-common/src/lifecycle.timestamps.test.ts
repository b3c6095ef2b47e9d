import { IncidentStatus } from './model';
import { applyIncidentUpdate, assignRoleChanges } from './lifecycle';
import { T0, at, makeIncident } from './__testUtils__/fixtures';
import { ALICE, BOB } from './__testUtils__/actors';

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
