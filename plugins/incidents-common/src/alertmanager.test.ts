import { KnownAlertState, planAlertmanagerNotification } from './alertmanager';
import { timelineEventSchema } from './model';
import { at, makeIncident } from './__testUtils__/fixtures';
import {
  alert,
  firing,
  known,
  options,
  parsed,
  payload,
  resolved,
} from './__testUtils__/alertmanagerFixtures';

describe('planAlertmanagerNotification', () => {
  it('opens an incident for a new firing group', () => {
    const plan = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(payload([alert('a', 'firing', 5), alert('b', 'firing', 3)])),
      options,
    );
    expect(plan.action).toBe('open');
    expect(plan.declare).toEqual({
      title: 'Checkout burning error budget',
      summary: 'fast burn',
      severity: 'SEV2',
      entityRefs: ['component:default/checkout'],
      detectedAt: at(3),
      alertGroupKey: '{}:{alertname="CheckoutErrorBudgetBurn"}',
    });
    expect(plan.events.map(e => e.type)).toEqual([
      'alert_attached',
      'alert_attached',
    ]);
    plan.events.forEach(e =>
      expect(timelineEventSchema.safeParse(e).success).toBe(true),
    );
    expect([...plan.alertUpdates.keys()]).toEqual(['a', 'b']);
  });

  it('does not open an incident when no entity maps and there is no fallback', () => {
    const body = payload(
      [{ ...alert('a', 'firing', 0), labels: { alertname: 'X' } }],
      { commonLabels: {} },
    );
    const plan = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(body),
      options,
    );
    expect(plan.action).toBe('ignore');
    expect(plan.warnings.join()).toContain('no incident opened');
    const withFallback = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(body),
      {
        ...options,
        fallbackEntityRef: 'system:default/shop',
      },
    );
    expect(withFallback.declare?.entityRefs).toEqual(['system:default/shop']);
    expect(withFallback.declare?.severity).toBe('SEV3');
  });

  it('ignores an all-resolved group without an incident', () => {
    const plan = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(payload([alert('a', 'resolved', 0, 5)])),
      options,
    );
    expect(plan).toMatchObject({ action: 'ignore', events: [] });
    expect(plan.alertUpdates.size).toBe(0);
  });

  it('opens a new incident when the existing one is closed', () => {
    const plan = planAlertmanagerNotification(
      makeIncident({ status: 'closed' }),
      known([['a', resolved(0, 5)]]),
      parsed(payload([alert('a', 'firing', 0)])),
      options,
    );
    expect(plan.action).toBe('open');
  });

  type Case = [
    string,
    Array<[string, KnownAlertState]>,
    ReturnType<typeof alert>[],
    string,
    string[],
    string[],
    string | undefined,
  ];
  const cases: Case[] = [
    [
      'appends a newly firing alert',
      [['a', firing(0)]],
      [alert('a', 'firing', 0), alert('b', 'firing', 7)],
      'update',
      ['repeat', 'new_firing'],
      ['alert_attached'],
      undefined,
    ],
    [
      'ignores an exact repeat',
      [['a', firing(0)]],
      [alert('a', 'firing', 0)],
      'ignore',
      ['repeat'],
      [],
      undefined,
    ],
    [
      'ignores duplicates within one payload',
      [],
      [alert('a', 'firing', 0), alert('a', 'firing', 0)],
      'update',
      ['new_firing', 'repeat'],
      ['alert_attached'],
      undefined,
    ],
    [
      'marks an alert resolved, others still firing',
      [
        ['a', firing(0)],
        ['b', firing(1)],
      ],
      [alert('a', 'resolved', 0, 9), alert('b', 'firing', 1)],
      'update',
      ['resolved', 'repeat'],
      ['alert_resolved'],
      undefined,
    ],
    [
      'resolves the incident when all alerts resolved',
      [
        ['a', firing(0)],
        ['b', firing(1)],
      ],
      [alert('a', 'resolved', 0, 9), alert('b', 'resolved', 1, 9)],
      'update',
      ['resolved', 'resolved'],
      ['alert_resolved', 'alert_resolved'],
      'resolved',
    ],
    [
      'does not resolve when a known alert not in the payload still fires',
      [
        ['a', firing(0)],
        ['c', firing(1)],
      ],
      [alert('a', 'resolved', 0, 9)],
      'update',
      ['resolved'],
      ['alert_resolved'],
      undefined,
    ],
    [
      'ignores a repeated resolved notification',
      [['a', resolved(0, 9)]],
      [alert('a', 'resolved', 0, 9)],
      'ignore',
      ['repeat'],
      [],
      undefined,
    ],
    [
      'ignores a late firing after resolved (out of order)',
      [['a', resolved(0, 9)]],
      [alert('a', 'firing', 0)],
      'ignore',
      ['stale'],
      [],
      undefined,
    ],
    [
      'ignores an older instance (startsAt before known)',
      [['a', firing(10)]],
      [alert('a', 'resolved', 0, 5)],
      'ignore',
      ['stale'],
      [],
      undefined,
    ],
    [
      'ignores a resolved with an older endsAt',
      [['a', resolved(0, 9)]],
      [alert('a', 'resolved', 0, 6)],
      'ignore',
      ['stale'],
      [],
      undefined,
    ],
    [
      're-fires an alert with a newer startsAt',
      [['a', resolved(0, 9)]],
      [alert('a', 'firing', 20)],
      'update',
      ['refiring'],
      ['alert_attached'],
      undefined,
    ],
    [
      'records an unknown resolved alert without events',
      [['a', firing(0)]],
      [alert('a', 'firing', 0), alert('z', 'resolved', 1, 2)],
      'update',
      ['repeat', 'unknown_resolved'],
      [],
      undefined,
    ],
  ];
  it.each(cases)(
    '%s',
    (
      _name,
      knownEntries,
      alerts,
      action,
      outcomes,
      eventTypes,
      statusChange,
    ) => {
      const plan = planAlertmanagerNotification(
        makeIncident({ alertGroupKey: 'g' }),
        known(knownEntries),
        parsed(payload(alerts)),
        options,
      );
      expect(plan.action).toBe(action);
      expect(plan.outcomes.map(o => o.outcome)).toEqual(outcomes);
      expect(plan.events.map(e => e.type)).toEqual(eventTypes);
      expect(plan.statusChange).toBe(statusChange);
    },
  );

  it('records resolved alert times from endsAt', () => {
    const plan = planAlertmanagerNotification(
      makeIncident(),
      known([['a', firing(0)]]),
      parsed(payload([alert('a', 'resolved', 0, 9)])),
      options,
    );
    expect(plan.events[0]).toMatchObject({
      type: 'alert_resolved',
      at: at(9),
      endsAt: at(9),
      fingerprint: 'a',
      alertName: 'CheckoutErrorBudgetBurn',
    });
    expect(plan.alertUpdates.get('a')).toEqual(resolved(0, 9));
  });

  it('does not resolve the incident unless configured', () => {
    const plan = planAlertmanagerNotification(
      makeIncident(),
      known([['a', firing(0)]]),
      parsed(payload([alert('a', 'resolved', 0, 9)])),
      { ...options, resolveIncidentWhenAllResolved: false },
    );
    expect(plan.action).toBe('update');
    expect(plan.statusChange).toBeUndefined();
  });

  it('reopens a resolved incident when an alert fires again', () => {
    const incident = makeIncident({ status: 'resolved' });
    const body = parsed(payload([alert('a', 'firing', 20)]));
    const state = known([['a', resolved(0, 9)]]);
    expect(
      planAlertmanagerNotification(incident, state, body, options).statusChange,
    ).toBe('investigating');
    expect(
      planAlertmanagerNotification(incident, state, body, {
        ...options,
        reopenOnRefire: false,
      }).statusChange,
    ).toBeUndefined();
  });

  it('remembers a resolution that arrives before its firing, and lands the late firing resolved', () => {
    const early = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(payload([alert('a', 'resolved', 0, 6)])),
      options,
    );
    expect(early.action).toBe('ignore');
    expect(early.outcomes).toEqual([
      { fingerprint: 'a', outcome: 'unknown_resolved' },
    ]);
    expect(early.rememberResolutions).toEqual([
      { fingerprint: 'a', startsAt: at(0), endsAt: at(6) },
    ]);

    const pendingResolutions = new Map(
      early.rememberResolutions.map(r => [r.fingerprint, r]),
    );
    const late = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(payload([alert('a', 'firing', 0)])),
      { ...options, pendingResolutions },
    );
    expect(late.action).toBe('open');
    expect(late.outcomes).toEqual([
      { fingerprint: 'a', outcome: 'already_resolved' },
    ]);
    expect(late.alertUpdates.get('a')).toEqual(resolved(0, 6));
    expect(late.appliedResolutions).toEqual(['a']);
    expect(late.events.map(e => `${e.type}@${e.at}`)).toEqual([
      `alert_attached@${at(0)}`,
      `alert_resolved@${at(6)}`,
    ]);
    // Every alert resolved and configured so: it opens resolved.
    expect(late.statusChange).toBe('resolved');
    expect(
      planAlertmanagerNotification(
        undefined,
        new Map(),
        parsed(payload([alert('a', 'firing', 0)])),
        {
          ...options,
          resolveIncidentWhenAllResolved: false,
          pendingResolutions,
        },
      ).statusChange,
    ).toBeUndefined();

    // A different start is a new firing, not the one that was resolved.
    const another = planAlertmanagerNotification(
      undefined,
      new Map(),
      parsed(payload([alert('a', 'firing', 30)])),
      { ...options, pendingResolutions },
    );
    expect(another.outcomes[0].outcome).toBe('new_firing');
    expect(another.appliedResolutions).toEqual([]);

    // On an existing incident the late firing lands resolved too, and resolves it.
    const onIncident = planAlertmanagerNotification(
      makeIncident(),
      known([['b', resolved(0, 3)]]),
      parsed(payload([alert('a', 'firing', 0)])),
      { ...options, pendingResolutions },
    );
    expect(onIncident.action).toBe('update');
    expect(onIncident.statusChange).toBe('resolved');
    expect(onIncident.alertUpdates.get('a')?.status).toBe('resolved');
  });
});
