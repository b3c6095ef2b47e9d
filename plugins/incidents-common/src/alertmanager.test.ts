import {
  AlertmanagerPlanOptions,
  KnownAlertState,
  planAlertmanagerNotification,
} from './alertmanager';
import {
  DEFAULT_CORRELATION_LABELS,
  alertCorrelationKey,
  entityRefForAlert,
} from './alertCorrelation';
import {
  alertFingerprint,
  parseAlertmanagerPayload,
} from './alertmanagerPayload';
import { timelineEventSchema } from './model';
import { at, makeIncident } from './__testUtils__/fixtures';

const ZERO = '0001-01-01T00:00:00Z';

function alert(
  fp: string,
  status: 'firing' | 'resolved',
  startMin: number,
  endMin?: number,
) {
  return {
    status,
    labels: {
      alertname: 'CheckoutErrorBudgetBurn',
      service: 'checkout',
      severity: 'critical',
      fp,
    },
    annotations: { summary: 'Checkout burning error budget' },
    startsAt: at(startMin),
    endsAt: endMin === undefined ? ZERO : at(endMin),
    generatorURL: 'http://prometheus/graph',
    fingerprint: fp,
  };
}

function payload(alerts: unknown[], extra: Record<string, unknown> = {}) {
  const statuses = (alerts as Array<{ status: string }>).map(a => a.status);
  return {
    version: '4',
    groupKey: '{}:{alertname="CheckoutErrorBudgetBurn"}',
    truncatedAlerts: 0,
    status: statuses.includes('firing') ? 'firing' : 'resolved',
    receiver: 'vigil',
    groupLabels: { alertname: 'CheckoutErrorBudgetBurn' },
    commonLabels: {
      alertname: 'CheckoutErrorBudgetBurn',
      service: 'checkout',
      severity: 'critical',
    },
    commonAnnotations: {
      summary: 'Checkout burning error budget',
      description: 'fast burn',
    },
    externalURL: 'http://alertmanager:9093',
    alerts,
    ...extra,
  };
}

function parsed(body: unknown) {
  const r = parseAlertmanagerPayload(body);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.payload;
}

const options: AlertmanagerPlanOptions = {
  now: at(100),
  entityMapping: {
    lookup: v => (v === 'checkout' ? 'component:default/checkout' : undefined),
  },
  resolveIncidentWhenAllResolved: true,
};

const known = (entries: Array<[string, KnownAlertState]>) => new Map(entries);
const firing = (startMin: number): KnownAlertState => ({
  status: 'firing',
  startsAt: at(startMin),
});
const resolved = (startMin: number, endMin: number): KnownAlertState => ({
  status: 'resolved',
  startsAt: at(startMin),
  endsAt: at(endMin),
});

describe('parseAlertmanagerPayload', () => {
  it('accepts a full v4 payload with nanosecond timestamps', () => {
    const body = payload([
      {
        ...alert('a', 'firing', 0),
        startsAt: '2024-05-01T14:00:00.123456789+02:00',
      },
    ]);
    const p = parsed(body);
    expect(p.alerts[0].fingerprint).toBe('a');
  });

  it('accepts old payloads without truncatedAlerts or fingerprint', () => {
    const { fingerprint: _fp, ...oldAlert } = alert('a', 'firing', 0);
    const body: Record<string, unknown> = payload([oldAlert]);
    delete body.truncatedAlerts;
    const p = parsed(body);
    expect(p.truncatedAlerts).toBe(0);
    expect(alertFingerprint(p.alerts[0])).toBe(
      alertFingerprint({ labels: { ...p.alerts[0].labels } }),
    );
    expect(alertFingerprint(p.alerts[0])).toContain('alertname');
  });

  it('derives a fingerprint that fits its column from many labels, stably', () => {
    const labels = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`label_${i}`, `value-${i}`]),
    );
    const fingerprint = alertFingerprint({ labels });
    expect(fingerprint).toMatch(/^labels:[0-9a-f]{16}$/);
    expect(alertFingerprint({ labels: { ...labels } })).toBe(fingerprint);
    expect(
      alertFingerprint({ labels: { ...labels, label_0: 'other' } }),
    ).not.toBe(fingerprint);
  });

  it('refuses a fingerprint longer than its column', () => {
    const result = parseAlertmanagerPayload(
      payload([{ ...alert('a', 'firing', 0), fingerprint: 'f'.repeat(256) }]),
    );
    expect(result).toEqual({
      ok: false,
      errors: ['alerts[0].fingerprint: must be at most 255 characters'],
    });
  });

  it.each([
    [{ version: '3' }, 'version: must be "4"'],
    [{ groupKey: undefined }, 'groupKey: is required'],
    [{ groupKey: '' }, 'groupKey: must not be empty'],
    [{ status: 'pending' }, 'status: must be "firing" or "resolved"'],
    [{ truncatedAlerts: -1 }, 'truncatedAlerts: must not be negative'],
    [{ alerts: 'nope' }, 'alerts: must be an array'],
    [
      { alerts: [{ ...alert('a', 'firing', 0), startsAt: 'yesterday' }] },
      'alerts[0].startsAt: must be an RFC 3339 timestamp',
    ],
    [
      { alerts: [{ ...alert('a', 'firing', 0), labels: { x: 1 } }] },
      'alerts[0].labels.x: values must be strings',
    ],
    [
      { alerts: [{ ...alert('a', 'firing', 0), status: undefined }] },
      'alerts[0].status: is required',
    ],
    [{ commonLabels: [] }, 'commonLabels:'],
  ])('rejects %o with %s', (override, message) => {
    const r = parseAlertmanagerPayload({
      ...payload([alert('a', 'firing', 0)]),
      ...override,
    });
    expect(r).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.stringContaining(message)]),
    });
  });

  it('rejects a non-object body', () => {
    const r = parseAlertmanagerPayload('hello');
    expect(r).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('(payload)')],
    });
  });
});

describe('entityRefForAlert', () => {
  const lookup = (v: string) =>
    ((
      { checkout: 'component:default/checkout', broken: 'checkout' } as Record<
        string,
        string
      >
    )[v]);
  it.each([
    [{ service: 'checkout' }, {}, undefined, 'component:default/checkout'],
    [{}, { service: 'checkout' }, undefined, 'component:default/checkout'],
    [{ app: 'checkout' }, {}, 'app', 'component:default/checkout'],
    [{ app: 'checkout' }, {}, undefined, undefined],
    [{ service: 'unknown' }, {}, undefined, undefined],
    [{ service: 'broken' }, {}, undefined, undefined],
    [{ service: '' }, {}, undefined, undefined],
  ])(
    'labels %o annotations %o label %s -> %s',
    (labels, annotations, label, expected) => {
      expect(entityRefForAlert(labels, annotations, { label, lookup })).toBe(
        expected,
      );
    },
  );
});

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

  it('warns about truncated alerts and still plans the ones seen', () => {
    const plan = planAlertmanagerNotification(
      makeIncident(),
      new Map(),
      parsed(payload([alert('a', 'firing', 0)], { truncatedAlerts: 3 })),
      options,
    );
    expect(plan.warnings[0]).toContain('3 alert(s) were truncated');
    expect(plan.events.map(e => e.type)).toEqual([
      'alert_attached',
      'alerts_truncated',
    ]);
    expect(plan.events[1]).toEqual({
      type: 'alerts_truncated',
      at: at(100),
      actor: 'alertmanager',
      truncatedAlerts: 3,
      receivedAlerts: 1,
    });
    expect(plan.truncatedAlerts).toBe(3);
  });

  it.each([
    [
      'first truncation, on an open incident',
      'incident',
      0,
      3,
      ['alerts_truncated'],
    ],
    ['same count re-sent', 'incident', 3, 3, []],
    ['count changed', 'incident', 3, 5, ['alerts_truncated']],
    ['no longer truncated', 'incident', 3, 0, []],
    [
      'opening an incident',
      'none',
      0,
      2,
      ['alert_attached', 'alerts_truncated'],
    ],
  ] as const)(
    'records truncation on the timeline: %s',
    (_what, existing, last, truncatedAlerts, types) => {
      const plan = planAlertmanagerNotification(
        existing === 'incident' ? makeIncident() : undefined,
        known([['a', firing(0)]]),
        parsed(payload([alert('a', 'firing', 0)], { truncatedAlerts })),
        { ...options, lastTruncatedAlerts: last },
      );
      expect(plan.events.map(e => e.type)).toEqual(types);
      expect(plan.truncatedAlerts).toBe(truncatedAlerts);
      plan.events.forEach(e =>
        expect(timelineEventSchema.safeParse(e).success).toBe(true),
      );
    },
  );

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

  it.each([
    ['a more severe alert attaches', 'SEV3', 'page', 'SEV2'],
    ['an equally severe alert attaches', 'SEV2', 'page', undefined],
    ['a less severe alert attaches', 'SEV2', 'ticket', undefined],
    ['an alert without a severity label', 'SEV4', undefined, undefined],
  ] as const)('severity when %s', (_what, current, label, expected) => {
    const base = alert('b', 'firing', 5);
    const labels: Record<string, string> = { ...base.labels };
    delete labels.severity;
    if (label) labels.sloth_severity = label;
    const plan = planAlertmanagerNotification(
      makeIncident({ severity: current }),
      known([['a', firing(0)]]),
      parsed(payload([{ ...base, labels }], { commonLabels: {} })),
      options,
    );
    expect(plan.action).toBe('update');
    expect(plan.severityChange).toBe(expected);
  });

  it('maps sloth and sev labels to severities, most severe wins', () => {
    const body = payload(
      [
        {
          ...alert('a', 'firing', 0),
          labels: { service: 'checkout', sloth_severity: 'ticket' },
        },
        {
          ...alert('b', 'firing', 0),
          labels: { service: 'checkout', severity: 'SEV1' },
        },
      ],
      { commonLabels: {} },
    );
    expect(
      planAlertmanagerNotification(undefined, new Map(), parsed(body), options)
        .declare?.severity,
    ).toBe('SEV1');
  });
});

describe('alertCorrelationKey', () => {
  // Labels of the alerts Vigil's Sloth-compatible generator writes for
  // packages/scoring-api/slo.yaml (page and ticket burn-rate alerts).
  const sloth = (severity: 'page' | 'ticket', extra = {}) => ({
    labels: {
      alertname: 'ScoringApiAvailabilityBudgetBurn',
      owner: 'payments',
      service: 'scoring-api',
      severity,
      sloth_id: 'scoring-api-availability',
      sloth_service: 'scoring-api',
      sloth_severity: severity,
      sloth_slo: 'availability',
      system: 'risk-scoring',
      ...extra,
    },
    annotations: {},
  });
  const mapping = {
    label: ['service', 'sloth_service'],
    lookup: (v: string) =>
      v === 'scoring-api' ? 'component:default/scoring-api' : undefined,
  };
  const key = (
    alerts: ReturnType<typeof sloth>[],
    overrides: Partial<Parameters<typeof alertCorrelationKey>[1]> = {},
  ) =>
    alertCorrelationKey(alerts, {
      correlationLabels: DEFAULT_CORRELATION_LABELS,
      entityMapping: mapping,
      ...overrides,
    });
  const SLO_KEY =
    'component:default/scoring-api sloth_id="scoring-api-availability"';

  it.each([
    ['a page alert', [sloth('page')], SLO_KEY],
    ['a ticket alert of the same SLO', [sloth('ticket')], SLO_KEY],
    ['page and ticket in one group', [sloth('page'), sloth('ticket')], SLO_KEY],
    [
      'another SLO',
      [
        sloth('page', {
          sloth_id: 'scoring-api-latency',
          sloth_slo: 'latency',
        }),
      ],
      'component:default/scoring-api sloth_id="scoring-api-latency"',
    ],
    [
      'no sloth_id: service and SLO',
      [sloth('page', { sloth_id: '' })],
      'component:default/scoring-api sloth_service="scoring-api",sloth_slo="availability"',
    ],
    [
      'alerts of two SLOs in one group',
      [sloth('page'), sloth('page', { sloth_id: 'scoring-api-latency' })],
      undefined,
    ],
    [
      'no SLO labels',
      [
        {
          labels: { alertname: 'TargetDown', service: 'scoring-api' },
          annotations: {},
        },
      ],
      undefined,
    ],
    [
      'an unknown service',
      [sloth('page', { service: 'nope', sloth_service: 'nope' })],
      undefined,
    ],
    ['no alerts', [], undefined],
  ] as const)('%s', (_what, alerts, expected) => {
    expect(key(alerts as any)).toBe(expected);
  });

  it('uses the fallback entity, custom label sets, and none when turned off', () => {
    const unknown = sloth('page', { service: 'nope', sloth_service: 'nope' });
    expect(
      key([unknown], { fallbackEntityRef: 'component:default/unowned' }),
    ).toBe('component:default/unowned sloth_id="scoring-api-availability"');
    expect(key([sloth('page')], { correlationLabels: [['system']] })).toBe(
      'component:default/scoring-api system="risk-scoring"',
    );
    expect(key([sloth('page')], { correlationLabels: [] })).toBeUndefined();
  });
});
