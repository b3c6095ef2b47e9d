import {
  DEFAULT_CORRELATION_LABELS,
  alertCorrelationKey,
  entityRefForAlert,
} from './alertCorrelation';

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
