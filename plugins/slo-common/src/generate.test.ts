import {
  AlertWindows,
  burnRateFactor,
  generateRuleFiles,
  generateRules,
  GOOGLE_28D_ALERT_WINDOWS,
  GOOGLE_30D_ALERT_WINDOWS,
  parseAlertWindows,
  parseSloSpecs,
  renderRuleFilesYaml,
  ServiceLevelSpec,
  SloGenerationError,
} from './index';

function spec(overrides: Partial<ServiceLevelSpec> = {}): ServiceLevelSpec {
  return {
    id: 'checkout-availability',
    service: 'checkout',
    name: 'availability',
    objectivePercent: 99.9,
    sli: { type: 'raw', errorRatioQuery: 'errors:ratio_rate[{{.window}}]' },
    labels: { team: 'payments' },
    alerting: {
      page: {
        disabled: false,
        name: 'CheckoutSLO',
        labels: {},
        annotations: {},
      },
      ticket: { disabled: true },
    },
    origin: {
      source: 'checkout.yaml',
      documentIndex: 0,
      documentCount: 1,
      format: 'prometheus/v1',
    },
    ...overrides,
  };
}

describe('burnRateFactor', () => {
  it.each`
    period   | budgetPercent | longWindow | factor
    ${'30d'} | ${2}          | ${'1h'}    | ${14.4}
    ${'30d'} | ${5}          | ${'6h'}    | ${6}
    ${'30d'} | ${10}         | ${'1d'}    | ${3}
    ${'30d'} | ${10}         | ${'3d'}    | ${1}
    ${'28d'} | ${2}          | ${'1h'}    | ${13.44}
    ${'28d'} | ${5}          | ${'6h'}    | ${5.6000000000000005}
    ${'28d'} | ${10}         | ${'1d'}    | ${2.8000000000000003}
    ${'28d'} | ${10}         | ${'3d'}    | ${0.9333333333333333}
    ${'7d'}  | ${42}         | ${'3d'}    | ${0.98}
  `(
    '$budgetPercent% of a $period budget in $longWindow burns at $factor (bit-exact with Sloth)',
    ({ period, budgetPercent, longWindow, factor }) => {
      expect(
        burnRateFactor(period, {
          errorBudgetPercent: budgetPercent,
          shortWindow: '5m',
          longWindow,
        }),
      ).toBe(factor);
    },
  );
});

describe('generateRules', () => {
  it('records every alert window once, shortest first, then the period', () => {
    const [sli] = generateRules([spec()]);
    expect(sli.rules.map(rule => rule.labels?.sloth_window)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
      '30d',
    ]);
    expect(sli.rules[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr: '(errors:ratio_rate[5m])',
      labels: {
        sloth_id: 'checkout-availability',
        sloth_service: 'checkout',
        sloth_slo: 'availability',
        sloth_window: '5m',
        team: 'payments',
      },
    });
  });

  it('names groups after the SLO id and skips an alerts group without alerts', () => {
    const groups = generateRules([
      spec(),
      spec({
        id: 'checkout-latency',
        name: 'latency',
        alerting: { page: { disabled: true }, ticket: { disabled: true } },
      }),
    ]);
    expect(groups.map(group => group.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-availability',
      'sloth-slo-meta-recordings-checkout-availability',
      'sloth-slo-alerts-checkout-availability',
      'sloth-slo-sli-recordings-checkout-latency',
      'sloth-slo-meta-recordings-checkout-latency',
    ]);
  });

  it('labels the info metric with the version, mode and spec format', () => {
    const [, meta] = generateRules([spec({ objectivePercent: 99.95 })], {
      version: 'v1.2.3',
      mode: 'cli-gen-k8s',
    });
    expect(
      meta.rules.find(rule => rule.record === 'sloth_slo_info')?.labels,
    ).toMatchObject({
      sloth_version: 'v1.2.3',
      sloth_mode: 'cli-gen-k8s',
      sloth_spec: 'prometheus/v1',
      sloth_objective: '99.95',
    });
  });

  it('adds extra labels to recordings only, overriding spec labels', () => {
    const groups = generateRules([spec()], {
      extraLabels: { team: 'sre', env: 'prod' },
    });
    const recordings = groups
      .filter(g => !g.name.includes('alerts'))
      .flatMap(g => g.rules);
    expect(
      recordings.every(
        r => r.labels?.team === 'sre' && r.labels?.env === 'prod',
      ),
    ).toBe(true);
    const [alert] = groups[2].rules;
    expect(alert.labels).toEqual({ sloth_severity: 'page' });
  });

  it('uses custom windows and their period', () => {
    const windows: AlertWindows = {
      ...GOOGLE_30D_ALERT_WINDOWS,
      sloPeriod: '2w',
    };
    const groups = generateRules([spec()], { windows });
    expect(groups[0].rules.at(-1)?.record).toBe('slo:sli_error:ratio_rate2w');
    expect(
      groups[1].rules.find(r => r.record === 'slo:time_period:days')?.expr,
    ).toBe('vector(14)');
  });

  it('picks the built-in 28-day windows for 28d', () => {
    const groups = generateRules([spec()], { period: '28d' });
    expect(groups[2].rules[0].expr).toContain(
      '> (13.44 * 0.0009999999999999432)',
    );
    expect(GOOGLE_28D_ALERT_WINDOWS.sloPeriod).toBe('4w');
  });

  it.each([
    [{ period: '14d' }, 'no built-in alert windows for a 2w SLO period'],
    [{ period: 'a month' }, 'invalid SLO period "a month"'],
    [
      { period: '30d', windows: GOOGLE_28D_ALERT_WINDOWS },
      'the alert windows are for a 4w SLO period, not 30d',
    ],
    [
      { extraLabels: { 'bad-key': 'x' } },
      'extra label key "bad-key" is not a valid Prometheus label name',
    ],
    [
      {
        windows: {
          ...GOOGLE_30D_ALERT_WINDOWS,
          page: {
            ...GOOGLE_30D_ALERT_WINDOWS.page,
            quick: {
              errorBudgetPercent: 2,
              shortWindow: 'soon',
              longWindow: '1h',
            },
          },
        },
      },
      'invalid alert windows: spec.page.quick.shortWindow "soon" is not a non-zero Prometheus duration',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => generateRules([spec()], options)).toThrow(SloGenerationError);
    expect(() => generateRules([spec()], options)).toThrow(message);
  });

  it('refuses an SLO whose own time window is another period', () => {
    expect(() => generateRules([spec({ timeWindow: '4w' })])).toThrow(
      'SLO "checkout-availability" declares a 4w time window but rules are generated for 30d',
    );
  });
});

describe('generateRuleFiles', () => {
  it('keeps one file per input document, with Kubernetes metadata for CRDs', () => {
    const { specs } = parseSloSpecs(
      `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: checkout
  namespace: shop
  labels: {team: payments}
  annotations: {note: generated}
spec:
  service: checkout
  slos:
    - name: availability
      objective: 99
      sli: {raw: {errorRatioQuery: "x[{{.window}}]"}}
      alerting: {pageAlert: {disable: true}, ticketAlert: {disable: true}}
---
version: prometheus/v1
service: search
slos:
  - name: availability
    objective: 99
    sli: {raw: {error_ratio_query: "y[{{.window}}]"}}
    alerting: {page_alert: {disable: true}, ticket_alert: {disable: true}}
`,
      { source: 'mixed.yaml' },
    );
    const files = generateRuleFiles(specs);
    expect(
      files.map(f => [f.documentIndex, f.kubernetes?.name, f.groups.length]),
    ).toEqual([
      [0, 'checkout', 2],
      [1, undefined, 2],
    ]);
    const yaml = renderRuleFilesYaml(files, { version: 'test' });
    expect(yaml).toContain(
      [
        'apiVersion: monitoring.coreos.com/v1',
        'kind: PrometheusRule',
        'metadata:',
        '  annotations:',
        '    note: generated',
        '  labels:',
        '    app.kubernetes.io/component: SLO',
        '    app.kubernetes.io/managed-by: sloth',
        '    team: payments',
        '  name: checkout',
        '  namespace: shop',
        'spec:',
        '  groups:',
      ].join('\n'),
    );
    expect(yaml.match(/# Code generated by Sloth \(test\)/g)).toHaveLength(2);
  });

  it('leaves out documents without rules', () => {
    const files = generateRuleFiles(
      [
        spec({
          alerting: { page: { disabled: true }, ticket: { disabled: true } },
        }),
      ],
      { disableRecordings: true },
    );
    expect(files).toEqual([]);
  });
});

describe('parseAlertWindows', () => {
  const windowsFile = (body: string) =>
    `apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\nspec:\n${body}`;
  const pair = (quick: string, slow: string) =>
    `    quick: ${quick}\n    slow: ${slow}\n`;
  const ok = '{errorBudgetPercent: 2, shortWindow: 5m, longWindow: 1h}';

  it.each([
    [
      windowsFile(
        `  sloPeriod: 30x\n  page:\n${pair(ok, ok)}  ticket:\n${pair(ok, ok)}`,
      ),
      'w.yaml: spec.sloPeriod "30x" is not a non-zero Prometheus duration',
    ],
    [
      windowsFile(
        `  sloPeriod: 30d\n  page:\n${pair(
          ok,
          '{errorBudgetPercent: 0, shortWindow: 5m, longWindow: 0s}',
        )}  ticket:\n${pair(ok, ok)}`,
      ),
      'w.yaml: spec.page.slow.errorBudgetPercent must be > 0 and <= 100 (got 0); spec.page.slow.longWindow "0s" is not a non-zero Prometheus duration',
    ],
    [
      windowsFile('  sloPeriod: 30d\n'),
      'w.yaml: spec.page is required; spec.ticket is required',
    ],
    [
      'apiVersion: v1\nkind: AlertWindows\n',
      'w.yaml: apiVersion must be "sloth.slok.dev/v1"',
    ],
  ])('rejects a bad windows file (%#)', (yaml, message) => {
    expect(() => parseAlertWindows(yaml, { source: 'w.yaml' })).toThrow(
      message,
    );
  });
});
