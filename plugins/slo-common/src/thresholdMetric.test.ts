/**
 * OpenSLO v1 `thresholdMetric` SLIs: the share of one-minute samples in each
 * window where the objective's threshold was violated.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateRules, parseSloSpecs, renderRulesYaml } from './index';
import { thresholdErrorRatio } from './parseOpenSlo';

const LATENCY_QUERY =
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))';

/** An OpenSLO v1 threshold SLO; `objectives` and `query` replace the defaults. */
function thresholdSlo(
  options: {
    objectives?: string;
    query?: string;
    source?: string;
    indicatorRef?: string;
  } = {},
) {
  const indicator =
    options.indicatorRef !== undefined
      ? `  indicatorRef: ${options.indicatorRef}`
      : `  indicator:
    metadata:
      name: checkout-p95
    spec:
      thresholdMetric:
        metricSource:
          type: ${options.source ?? 'Prometheus'}
          spec:
            query: ${JSON.stringify(options.query ?? LATENCY_QUERY)}`;
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: latency
spec:
  service: checkout
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 30d
      isRolling: true
${indicator}
  objectives:
${options.objectives ?? '    - {op: lte, value: 0.5, target: 0.99}'}
`;
}

function parse(yaml: string) {
  return parseSloSpecs(yaml, { source: 'latency.yaml' });
}

describe('parseSloSpecs: OpenSLO v1 thresholdMetric', () => {
  it('reads a threshold objective as the error ratio of one-minute samples', () => {
    const { specs, errors, warnings } = parse(thresholdSlo());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(specs).toEqual([
      expect.objectContaining({
        id: 'checkout-latency-0',
        name: 'latency-0',
        objectivePercent: 99,
        timeWindow: '30d',
        sli: {
          type: 'raw',
          errorRatioQuery: `
  1 - avg_over_time(
    (
      (
        ${LATENCY_QUERY}
      ) <= bool 0.5
    )[{{.window}}:1m]
  )
`,
        },
      }),
    ]);
  });

  it.each`
    op       | value    | comparison
    ${'lt'}  | ${0.8}   | ${'< bool 0.8'}
    ${'lte'} | ${0.8}   | ${'<= bool 0.8'}
    ${'gt'}  | ${100}   | ${'> bool 100'}
    ${'gte'} | ${1e-7}  | ${'>= bool 1e-7'}
    ${'gt'}  | ${-5}    | ${'> bool (-5)'}
    ${'lt'}  | ${0}     | ${'< bool 0'}
    ${'lte'} | ${2000}  | ${'<= bool 2000'}
    ${'gte'} | ${0.999} | ${'>= bool 0.999'}
  `(
    'maps op $op with value $value to "$comparison"',
    ({ op, value, comparison }) => {
      const { specs, errors } = parse(
        thresholdSlo({
          query: 'up',
          objectives: `    - {op: ${op}, value: ${value}, targetPercent: 99}`,
        }),
      );
      expect(errors).toEqual([]);
      expect(specs).toHaveLength(1);
      const sli = specs[0].sli;
      expect(sli.type === 'raw' && sli.errorRatioQuery).toBe(
        thresholdErrorRatio('up', op, value),
      );
      expect(
        sli.type === 'raw' && sli.errorRatioQuery.replace(/\s+/g, ' ').trim(),
      ).toBe(`1 - avg_over_time( ( ( up ) ${comparison} )[{{.window}}:1m] )`);
    },
  );

  it('builds one SLI per objective, each with its own threshold', () => {
    const { specs, errors } = parse(
      thresholdSlo({
        query: 'up',
        objectives:
          '    - {op: lt, value: 0.8, target: 0.99}\n    - {op: lt, value: 2, target: 0.999}',
      }),
    );
    expect(errors).toEqual([]);
    expect(
      specs.map(s => [s.name, s.sli.type === 'raw' && s.sli.errorRatioQuery]),
    ).toEqual([
      ['latency-0', thresholdErrorRatio('up', 'lt', 0.8)],
      ['latency-1', thresholdErrorRatio('up', 'lt', 2)],
    ]);
  });

  it('reads a threshold SLI referenced from a kind: SLI document', () => {
    const yaml = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-p95
spec:
  thresholdMetric:
    metricSource:
      spec:
        query: up
---
${thresholdSlo({ indicatorRef: 'checkout-p95' })}`;
    const { specs, errors } = parse(yaml);
    expect(errors).toEqual([]);
    expect(specs[0].sli).toEqual({
      type: 'raw',
      errorRatioQuery: thresholdErrorRatio('up', 'lte', 0.5),
    });
  });

  it.each([
    [
      'a missing op',
      { objectives: '    - {value: 0.5, target: 0.99}' },
      'objectives[0].op is required with a thresholdMetric indicator (one of "lt", "lte", "gt", "gte"',
    ],
    [
      'a missing value',
      { objectives: '    - {op: lt, target: 0.99}' },
      'objectives[0].value (the threshold) is required with a thresholdMetric indicator',
    ],
    [
      'an unknown op',
      { objectives: '    - {op: eq, value: 0.5, target: 0.99}' },
      'objectives[0].op "eq" is not supported: use one of "lt", "lte", "gt", "gte"',
    ],
    [
      'an op in another case',
      { objectives: '    - {op: LT, value: 0.5, target: 0.99}' },
      'objectives[0].op "LT" is not supported',
    ],
    [
      'a non-numeric value',
      { objectives: '    - {op: lt, value: fast, target: 0.99}' },
      'objectives[0].value must be a number (got a string)',
    ],
    [
      'a quoted numeric value',
      { objectives: '    - {op: lt, value: "0.5", target: 0.99}' },
      'objectives[0].value must be a number (got a string)',
    ],
    [
      'an infinite value',
      { objectives: '    - {op: lt, value: .inf, target: 0.99}' },
      'objectives[0].value must be a finite number (got Infinity)',
    ],
    [
      'a missing target',
      { objectives: '    - {op: lt, value: 0.5}' },
      'objectives[0].target (a ratio such as 0.999) or objectives[0].targetPercent is required',
    ],
    [
      'a query using {{.window}}',
      { query: 'histogram_quantile(0.95, rate(x_bucket[{{.window}}]))' },
      'spec.indicator.spec.thresholdMetric.metricSource.spec.query must not use template actions such as {{.window}}: a thresholdMetric query is an instantaneous value',
    ],
    [
      'a query using another template action',
      { query: 'up{job="{{.job}}"}' },
      'spec.indicator.spec.thresholdMetric.metricSource.spec.query must not use template actions',
    ],
    [
      'an empty query',
      { query: ' ' },
      'spec.indicator.spec.thresholdMetric.metricSource.spec.query is required',
    ],
    [
      'an unbalanced query',
      { query: 'sum(rate(x[5m])' },
      'spec.indicator.spec.thresholdMetric.metricSource.spec.query is not valid PromQL: it has an unclosed "("',
    ],
    [
      'a non-Prometheus source',
      { source: 'Datadog' },
      'spec.indicator.spec.thresholdMetric.metricSource.type "Datadog" is not supported',
    ],
  ])('rejects %s', (_name, options, problem) => {
    const { specs, errors } = parse(thresholdSlo(options));
    expect(specs).toEqual([]);
    expect(errors.map(e => e.problem.slice(0, problem.length))).toContain(
      problem,
    );
    expect(
      errors.every(e => /^latency\.yaml: SLO "latency(-0)?": /.test(e.message)),
    ).toBe(true);
  });

  it('reports every problem of an objective and keeps the valid ones', () => {
    const { specs, errors } = parse(
      thresholdSlo({
        objectives:
          '    - {target: 2}\n    - {op: gt, value: 10, targetPercent: 99.5}',
      }),
    );
    expect(specs.map(s => s.name)).toEqual(['latency-1']);
    expect(errors.map(e => e.problem)).toEqual([
      'objectives[0].target must be > 0 and <= 1 (it is a ratio: 0.999 means 99.9%; got 2)',
      expect.stringContaining('objectives[0].op is required'),
      expect.stringContaining(
        'objectives[0].value (the threshold) is required',
      ),
    ]);
  });
});

describe('promtool on threshold SLO rules', () => {
  const promtool = '/usr/bin/promtool';

  it('accepts every window, the 30d period included', () => {
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    if (!fs.existsSync(promtool)) {
      throw new Error(
        `promtool not found at ${promtool}: install it with \`apt-get install prometheus\` to check the generated rules`,
      );
    }
    const { specs, errors } = parse(
      thresholdSlo({
        objectives: [
          '    - {op: lt, value: 0.8, target: 0.99}',
          '    - {op: lte, value: 0.5, targetPercent: 99.9}',
          '    - {op: gt, value: -5, target: 0.95}',
          '    - {op: gte, value: 1e-7, target: 0.9}',
        ].join('\n'),
        query: `${LATENCY_QUERY} # p95 latency`,
      }),
    );
    expect(errors).toEqual([]);
    expect(specs).toHaveLength(4);
    const groups = generateRules(specs, { period: '30d' });
    const windows = groups[0].rules.map(rule => rule.labels?.sloth_window);
    expect(windows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    expect(groups[0].rules[0].expr).toContain(')[5m:1m]');
    expect(groups[0].rules[6].expr).toContain(')[3d:1m]');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-threshold-'));
    const file = path.join(dir, 'threshold.rules.yaml');
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      fs.writeFileSync(file, renderRulesYaml(groups));
      const output = execFileSync(promtool, ['check', 'rules', file], {
        encoding: 'utf8',
      });
      // Per SLO: 8 SLI recordings and 7 metadata recordings, no alerts.
      expect(output).toMatch(/SUCCESS: 60 rules found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
