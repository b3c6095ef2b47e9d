import { applyIncidentUpdate, checkVersion } from './lifecycle';
import { at, makeIncident } from './__testUtils__/fixtures';
import { ALICE, BOB } from './__testUtils__/actors';

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
