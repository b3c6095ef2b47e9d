import {
  INCIDENT_STATUSES,
  IncidentStatus,
  incidentSchema,
  timelineEventSchema,
} from './model';
import { applyIncidentUpdate, isAllowedTransition } from './lifecycle';
import { T0, at, makeIncident } from './__testUtils__/fixtures';
import { ALICE } from './__testUtils__/actors';

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
