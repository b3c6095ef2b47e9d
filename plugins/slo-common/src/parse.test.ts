import { parseSloSpecs, ServiceLevelSpec } from './index';

const EVENTS = `
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))`;

/** A prometheus/v1 spec with one SLO, its body replaced by `slo`. */
function promSpec(slo: string, service = 'checkout') {
  return `version: prometheus/v1
service: ${service}
slos:
  - name: availability
${slo}
`;
}

const GOOD_SLO = `    objective: 99.9
    sli:${EVENTS}
    alerting:
      name: CheckoutAvailability
      page_alert:
        labels:
          severity: critical
      ticket_alert:
        disable: true`;

function messages(yaml: string, source = 'slo.yaml') {
  return parseSloSpecs(yaml, { source }).errors.map(e => e.message);
}

describe('parseSloSpecs: Sloth prometheus/v1', () => {
  it('normalises an SLO', () => {
    const { specs, errors, warnings } = parseSloSpecs(
      `version: "prometheus/v1"
service: checkout
labels:
  team: payments
slos:
  - name: availability
    description: Checkout requests succeed.
    labels:
      tier: "1"
${GOOD_SLO}
`,
      { source: 'checkout.yaml' },
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(specs).toEqual<ServiceLevelSpec[]>([
      {
        id: 'checkout-availability',
        service: 'checkout',
        name: 'availability',
        description: 'Checkout requests succeed.',
        objectivePercent: 99.9,
        sli: {
          type: 'events',
          errorQuery:
            'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
        },
        labels: { team: 'payments', tier: '1' },
        alerting: {
          page: {
            disabled: false,
            name: 'CheckoutAvailability',
            labels: { severity: 'critical' },
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
      },
    ]);
  });

  it.each([
    [
      'objective 0',
      GOOD_SLO.replace('99.9', '0'),
      'objective must be > 0 and <= 100 (got 0)',
    ],
    [
      'objective as text',
      GOOD_SLO.replace('99.9', '"99.9%"'),
      'objective must be a number (got a string)',
    ],
    [
      'missing objective',
      GOOD_SLO.replace('    objective: 99.9\n', ''),
      'objective is required',
    ],
    [
      'no {{.window}}',
      GOOD_SLO.replace(
        'http_requests_total[{{.window}}]',
        'http_requests_total[5m]',
      ),
      'sli.events.total_query must use the {{.window}} template variable',
    ],
    [
      'another template variable',
      GOOD_SLO.replace(
        '[{{.window}}]))\n        total',
        '[{{.period}}]))\n        total',
      ),
      'sli.events.error_query uses the template action {{.period}}, but {{.window}} is the only one available',
    ],
    [
      'unbalanced PromQL',
      GOOD_SLO.replace(
        'sum(rate(http_requests_total[{{.window}}]))',
        'sum(rate(http_requests_total[{{.window}}])',
      ),
      'sli.events.total_query is not valid PromQL: it has an unclosed "(" at offset 3',
    ],
    [
      'the same error and total query',
      GOOD_SLO.replace(
        'http_requests_total{code=~"5.."}',
        'http_requests_total',
      ),
      'sli.events.error_query and sli.events.total_query must differ',
    ],
    [
      'an invalid label name',
      `${GOOD_SLO}\n    labels:\n      team-name: x`,
      'label key "team-name" is not a valid Prometheus label name',
    ],
    [
      'an empty label value',
      `${GOOD_SLO}\n    labels:\n      team: ""`,
      'label "team" needs a non-empty value',
    ],
    [
      'a null label value',
      `${GOOD_SLO}\n    labels:\n      tier: ~`,
      'labels.tier must be a string (got null)',
    ],
    [
      'no alert name while alerts are enabled',
      GOOD_SLO.replace('      name: CheckoutAvailability\n', ''),
      'alerting.name is required when the page or ticket alert is enabled',
    ],
    [
      'no alerting section',
      GOOD_SLO.slice(0, GOOD_SLO.indexOf('    alerting:')),
      'alerting.name is required when the page or ticket alert is enabled',
    ],
    [
      'an invalid alert label',
      GOOD_SLO.replace('severity: critical', '__name__: x'),
      'alert label key "__name__" is not allowed',
    ],
    [
      'both SLI types',
      `${GOOD_SLO}`.replace(
        '    sli:',
        '    sli:\n      raw:\n        error_ratio_query: x[{{.window}}]',
      ),
      'only one SLI type is allowed',
    ],
  ])('rejects %s', (_name, slo, problem) => {
    const errors = messages(promSpec(slo));
    expect(errors).toContainEqual(
      expect.stringContaining(`slo.yaml: SLO "availability": ${problem}`),
    );
  });

  it.each([
    ['single character', 'a'],
    ['starting with a dash', '-svc'],
    ['with a space', 'my svc'],
  ])('rejects a service name %s', (_name, service) => {
    expect(messages(promSpec(GOOD_SLO, JSON.stringify(service)))).toEqual([
      expect.stringMatching(
        /^slo\.yaml: service ".*" is invalid: it must start and end with a letter or digit/,
      ),
    ]);
  });

  it('keeps the good SLOs when one is bad', () => {
    const { specs, errors } = parseSloSpecs(
      `version: prometheus/v1
service: checkout
slos:
  - name: bad
    objective: 120
    sli: {raw: {error_ratio_query: "x[{{.window}}]"}}
    alerting: {page_alert: {disable: true}, ticket_alert: {disable: true}}
  - name: good
    objective: 99
    sli: {raw: {error_ratio_query: "x[{{.window}}]"}}
    alerting: {page_alert: {disable: true}, ticket_alert: {disable: true}}
  - objective: 99
`,
      { source: 'mixed.yaml' },
    );
    expect(specs.map(s => s.id)).toEqual(['checkout-good']);
    expect(errors.map(e => e.message)).toEqual([
      'mixed.yaml: SLO "bad": objective must be > 0 and <= 100 (got 120)',
      'mixed.yaml: slos[2]: name is required',
      'mixed.yaml: slos[2]: sli is required',
    ]);
    expect(errors[0]).toMatchObject({
      source: 'mixed.yaml',
      service: 'checkout',
      slo: 'bad',
    });
  });

  it('warns about fields Sloth would silently ignore', () => {
    const { errors, warnings } = parseSloSpecs(
      promSpec(GOOD_SLO.replace('page_alert', 'pageAlert')),
      { source: 'slo.yaml' },
    );
    expect(errors).toEqual([]);
    expect(warnings.map(w => w.message)).toEqual([
      'slo.yaml: SLO "availability": unknown field "alerting.pageAlert" is ignored (prometheus/v1 spells it "page_alert")',
    ]);
  });
});

describe('parseSloSpecs: documents', () => {
  it.each([
    ['a list', '- a\n- b\n', 'expected a mapping'],
    [
      'no version',
      'service: x\n',
      'not an SLO spec: no "version" or "apiVersion" field',
    ],
    [
      'an unknown apiVersion',
      'apiVersion: v1\nkind: ConfigMap\n',
      'unsupported apiVersion "v1"',
    ],
    [
      'a Sloth windows file',
      'apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\n',
      'this is a Sloth alert windows file, not an SLO spec: read it with parseAlertWindows()',
    ],
    ['broken YAML', 'version: [prometheus/v1\n', 'invalid YAML'],
    [
      'an alias without its anchor',
      'version: prometheus/v1\nservice: *name\n',
      'invalid YAML: Unresolved alias (the anchor must be set before the alias): name',
    ],
    [
      'no SLOs',
      'version: prometheus/v1\nservice: x\nslos: []\n',
      'slos needs at least 1 item',
    ],
    ['an empty file', '# nothing yet\n', 'no SLO spec found'],
  ])('rejects %s', (_name, yaml, problem) => {
    expect(messages(yaml)).toContainEqual(
      expect.stringContaining(`slo.yaml: ${problem}`),
    );
  });

  it('names the document of a multi-document file and skips empty ones', () => {
    const result = parseSloSpecs(
      `---\n${promSpec(GOOD_SLO)}---\n---\n${promSpec(
        GOOD_SLO.replace('99.9', '101'),
        'search',
      )}---\n`,
      { source: 'all.yaml' },
    );
    expect(result.specs.map(s => s.id)).toEqual(['checkout-availability']);
    expect(result.errors.map(e => e.message)).toEqual([
      'all.yaml (document 3): SLO "availability": objective must be > 0 and <= 100 (got 101)',
    ]);
  });

  it('reads different formats from one file', () => {
    const result = parseSloSpecs(
      `${promSpec(GOOD_SLO)}---
apiVersion: openslo/v1
kind: SLO
metadata: {name: latency}
spec:
  service: checkout
  budgetingMethod: Occurrences
  indicatorRef: fast-requests
  timeWindow: [{duration: 30d, isRolling: true}]
  objectives: [{target: 0.99}]
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: fast-requests}
spec:
  ratioMetric:
    counter: true
    good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_request_duration_seconds_bucket{le="0.3"}[{{.window}}]))'}}}
    total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_request_duration_seconds_count[{{.window}}]))'}}}
`,
      { source: 'both.yaml' },
    );
    expect(result.errors).toEqual([]);
    expect(result.specs.map(s => [s.id, s.origin.format])).toEqual([
      ['checkout-availability', 'prometheus/v1'],
      ['checkout-latency-0', 'openslo/v1'],
    ]);
  });
});

/** An OpenSLO v1 SLO document with an inline indicator. */
function openSloV1(
  overrides: {
    indicator?: string;
    indicatorSection?: string;
    spec?: string;
    objectives?: string;
  } = {},
) {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  displayName: Checkout availability
spec:
  description: Checkout requests succeed.
  service: checkout
  budgetingMethod: Occurrences
${overrides.spec ?? '  timeWindow:\n    - duration: 28d\n      isRolling: true'}
${
  overrides.indicatorSection ??
  `  indicator:
    metadata:
      name: checkout-errors
    spec:
${
  overrides.indicator ??
  `      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[{{.window}}]))`
}`
}
  objectives:
${overrides.objectives ?? '    - displayName: Three nines\n      target: 0.999'}
`;
}

describe('parseSloSpecs: OpenSLO v1', () => {
  it('reads bad/total as an events SLI, one SLO per objective', () => {
    const { specs, errors } = parseSloSpecs(
      openSloV1({ objectives: '    - target: 0.999\n    - targetPercent: 99' }),
      { source: 'openslo.yaml', period: '28d' },
    );
    expect(errors).toEqual([]);
    expect(specs).toEqual([
      expect.objectContaining({
        id: 'checkout-availability-0',
        name: 'availability-0',
        objectivePercent: 99.9,
        timeWindow: '4w',
        sli: {
          type: 'events',
          errorQuery:
            'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
        },
        alerting: { page: { disabled: true }, ticket: { disabled: true } },
      }),
      expect.objectContaining({
        id: 'checkout-availability-1',
        objectivePercent: 99,
      }),
    ]);
  });

  it('reads good/total as an error ratio, as Sloth does for v1alpha', () => {
    const { specs } = parseSloSpecs(
      openSloV1({
        spec: '  timeWindow: [{duration: 30d, isRolling: true}]',
        indicator: `      ratioMetric:
        good: {metricSource: {spec: {query: 'sum(rate(ok[{{.window}}]))'}}}
        total: {metricSource: {spec: {query: 'sum(rate(all[{{.window}}]))'}}}`,
      }),
      { source: 'openslo.yaml' },
    );
    expect(specs[0].sli).toEqual({
      type: 'raw',
      errorRatioQuery:
        '\n  1 - (\n    (\n      sum(rate(ok[{{.window}}]))\n    )\n    /\n    (\n      sum(rate(all[{{.window}}]))\n    )\n  )\n',
    });
  });

  it.each([
    [
      'both a ratioMetric and a thresholdMetric',
      {
        indicator: `      thresholdMetric:
        metricSource: {spec: {query: 'x'}}
      ratioMetric:
        bad: {metricSource: {spec: {query: 'x[{{.window}}]'}}}
        total: {metricSource: {spec: {query: 'y[{{.window}}]'}}}`,
      },
      'spec.indicator.spec must set either ratioMetric or thresholdMetric, not both',
    ],
    [
      'a calendar window',
      {
        spec: '  timeWindow:\n    - duration: 1M\n      calendar: {startTime: "2024-01-01 00:00:00", timeZone: UTC}',
      },
      'calendar-aligned time windows are not supported',
    ],
    [
      'a non-rolling window',
      { spec: '  timeWindow: [{duration: 28d, isRolling: false}]' },
      'calendar-aligned time windows are not supported',
    ],
    [
      'a month-long window',
      { spec: '  timeWindow: [{duration: 1M, isRolling: true}]' },
      'has no fixed length',
    ],
    [
      'another period',
      { spec: '  timeWindow: [{duration: 7d, isRolling: true}]' },
      'the SLO time window is 7d but rules are generated for a 4w SLO period',
    ],
    [
      'a non-Prometheus source',
      {
        indicator: `      ratioMetric:
        bad: {metricSource: {type: Datadog, spec: {query: 'x[{{.window}}]'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'y[{{.window}}]'}}}`,
      },
      'metricSource.type "Datadog" is not supported',
    ],
    [
      'both good and bad',
      {
        indicator: `      ratioMetric:
        good: {metricSource: {spec: {query: 'x[{{.window}}]'}}}
        bad: {metricSource: {spec: {query: 'y[{{.window}}]'}}}
        total: {metricSource: {spec: {query: 'z[{{.window}}]'}}}`,
      },
      'must set either good or bad, not both',
    ],
    [
      'a target above 1',
      { objectives: '    - target: 99.9' },
      'objectives[0].target must be > 0 and <= 1',
    ],
    [
      'no target',
      { objectives: '    - displayName: x' },
      'objectives[0].target (a ratio such as 0.999) or objectives[0].targetPercent is required',
    ],
  ])('rejects %s', (_name, overrides, problem) => {
    const errors = parseSloSpecs(openSloV1(overrides), {
      source: 'openslo.yaml',
      period: '28d',
    }).errors.map(e => e.message);
    expect(errors).toContainEqual(expect.stringContaining(problem));
    expect(
      errors.every(m => /^openslo\.yaml: SLO "availability(-0)?": /.test(m)),
    ).toBe(true);
  });

  it('rejects budgeting methods other than Occurrences', () => {
    const yaml = openSloV1().replace('Occurrences', 'Timeslices');
    expect(messages(yaml)).toContainEqual(
      expect.stringContaining(
        'budgetingMethod "Timeslices" is not supported: only "Occurrences"',
      ),
    );
  });

  it('rejects an indicatorRef without its SLI document', () => {
    const yaml = openSloV1({ indicatorSection: '  indicatorRef: missing' });
    expect(messages(yaml)).toContainEqual(
      expect.stringContaining(
        'spec.indicatorRef "missing" does not match any "kind: SLI" document in slo.yaml',
      ),
    );
  });
});
