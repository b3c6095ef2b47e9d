/**
 * Specs Sloth accepts that Vigil used to refuse: unquoted label and
 * annotation values, and SLO plugin chains made of Sloth's own steps.
 */
import { formatGoFloat32 } from './goFormat';
import { goStringFromPlainScalar } from './goScalars';
import {
  generateRules,
  parseSloSpecs,
  renderRulesYaml,
  ServiceLevelSpec,
} from './index';

describe('goStringFromPlainScalar: an unquoted scalar in a Go string field', () => {
  it.each`
    text                      | expected
    ${'true'}                 | ${'true'}
    ${'True'}                 | ${'true'}
    ${'FALSE'}                | ${'false'}
    ${'yes'}                  | ${'true'}
    ${'on'}                   | ${'true'}
    ${'y'}                    | ${'true'}
    ${'No'}                   | ${'false'}
    ${'off'}                  | ${'false'}
    ${'0.2'}                  | ${'0.2'}
    ${'0.20'}                 | ${'0.2'}
    ${'1.0'}                  | ${'1'}
    ${'1.'}                   | ${'1'}
    ${'.5'}                   | ${'0.5'}
    ${'+.5'}                  | ${'0.5'}
    ${'-0.0'}                 | ${'-0'}
    ${'1e3'}                  | ${'1000'}
    ${'1e6'}                  | ${'1e+06'}
    ${'0.00001'}              | ${'1e-05'}
    ${'3.14159265358979'}     | ${'3.1415927'}
    ${'1234567.0'}            | ${'1.234567e+06'}
    ${'1e39'}                 | ${'+Inf'}
    ${'1e400'}                | ${'1e400'}
    ${'.inf'}                 | ${'+Inf'}
    ${'-.Inf'}                | ${'-Inf'}
    ${'.NaN'}                 | ${'NaN'}
    ${'42'}                   | ${'42'}
    ${'-7'}                   | ${'-7'}
    ${'+7'}                   | ${'7'}
    ${'-0'}                   | ${'0'}
    ${'0777'}                 | ${'511'}
    ${'08'}                   | ${'8'}
    ${'0o17'}                 | ${'15'}
    ${'0x1F'}                 | ${'31'}
    ${'-0x10'}                | ${'-16'}
    ${'0b101'}                | ${'5'}
    ${'1_000'}                | ${'1000'}
    ${'12345678901234567890'} | ${'12345678901234567890'}
    ${'99999999999999999999'} | ${'1e+20'}
    ${'2024-01-01'}           | ${'2024-01-01'}
    ${'v1.2'}                 | ${'v1.2'}
    ${'1.2.3'}                | ${'1.2.3'}
    ${'5m'}                   | ${'5m'}
    ${'1:30'}                 | ${'1:30'}
    ${'.'}                    | ${'.'}
    ${'-'}                    | ${'-'}
    ${'~'}                    | ${null}
    ${'null'}                 | ${null}
    ${''}                     | ${null}
  `('$text reads as $expected', ({ text, expected }) => {
    expect(goStringFromPlainScalar(text)).toBe(expected);
  });
});

describe("formatGoFloat32: Go's strconv.FormatFloat(v, 'g', -1, 32)", () => {
  it.each`
    value           | expected
    ${0.2}          | ${'0.2'}
    ${0.1}          | ${'0.1'}
    ${1 / 3}        | ${'0.33333334'}
    ${100}          | ${'100'}
    ${123456}       | ${'123456'}
    ${1234567}      | ${'1.234567e+06'}
    ${16777217}     | ${'1.6777216e+07'}
    ${1e-7}         | ${'1e-07'}
    ${0.0001}       | ${'0.0001'}
    ${-2.5}         | ${'-2.5'}
    ${3.4028235e38} | ${'3.4028235e+38'}
    ${1e39}         | ${'+Inf'}
    ${NaN}          | ${'NaN'}
    ${-0}           | ${'-0'}
  `('$value prints $expected', ({ value, expected }) => {
    expect(formatGoFloat32(value)).toBe(expected);
  });
});

const SLO_BODY = `    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
    alerting:
      name: CheckoutAvailability`;

describe('unquoted label and annotation values', () => {
  it.each([
    {
      name: 'prometheus/v1 reads them as Sloth prints them, at every level',
      yaml: `version: prometheus/v1
service: checkout
labels:
  generated: true
  enabled: yes
slos:
  - name: availability
    labels:
      actual_le: 0.2
      tier: 2
${SLO_BODY}
      labels:
        shard: 0x10
      annotations:
        ratio: 0.50
        "on": off
      page_alert:
        labels: { severity: page, escalate: True }
      ticket_alert:
        annotations:
          factor: 1e6
`,
      labels: {
        generated: 'true',
        enabled: 'true',
        actual_le: '0.2',
        tier: '2',
      },
      page: {
        labels: { shard: '16', severity: 'page', escalate: 'true' },
        annotations: { ratio: '0.5', on: 'false' },
      },
      ticket: { annotations: { ratio: '0.5', on: 'false', factor: '1e+06' } },
    },
    {
      name: 'prometheus/v1 keeps quoted, tagged and block values as written',
      yaml: `version: prometheus/v1
service: checkout
labels:
  quoted: "true"
  tagged: !!str 0.20
  text: plain words
slos:
  - name: availability
${SLO_BODY}
      page_alert:
        annotations:
          block: |
            0.20
      ticket_alert: { disable: true }
`,
      labels: { quoted: 'true', tagged: '0.20', text: 'plain words' },
      page: { labels: {}, annotations: { block: '0.20\n' } },
      ticket: { disabled: true },
    },
    {
      name: 'OpenSLO metadata labels are not rule labels (Sloth ignores them)',
      yaml: `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: availability
  labels: { generated: true, tier: 2 }
spec:
  service: checkout
  budgetingMethod: Occurrences
  objectives:
    - ratioMetrics:
        good: { source: prometheus, queryType: promql, query: 'sum(rate(ok[{{.window}}]))' }
        total: { source: prometheus, queryType: promql, query: 'sum(rate(all[{{.window}}]))' }
      target: 0.999
`,
      labels: {},
      page: { disabled: true },
      ticket: { disabled: true },
    },
  ])('$name', ({ yaml, labels, page, ticket }) => {
    const result = parseSloSpecs(yaml, { source: 'slo.yaml' });
    expect(result.errors).toEqual([]);
    const [spec] = result.specs;
    expect(spec.labels).toEqual(labels);
    expect(spec.alerting.page).toMatchObject(page);
    expect(spec.alerting.ticket).toMatchObject(ticket);
  });

  it("stay an error in the Kubernetes CRD, as Kubernetes' decoder refuses them", () => {
    const result = parseSloSpecs(
      `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata: { name: checkout }
spec:
  service: checkout
  labels: { generated: true }
  slos:
    - name: availability
      objective: 99.9
      sli:
        events:
          errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
          totalQuery: sum(rate(http_requests_total[{{.window}}]))
      alerting: { pageAlert: { disable: true }, ticketAlert: { disable: true } }
`,
      { source: 'slo.yaml' },
    );
    expect(result.specs).toEqual([]);
    expect(result.errors.map(e => e.message)).toEqual([
      'slo.yaml: spec.labels.generated must be a string (got boolean); quote it',
    ]);
  });

  it('prints them quoted in the rules, as the golden files print `tier: "2"`', () => {
    const { specs } = parseSloSpecs(
      `version: prometheus/v1
service: checkout
labels: { generated: true, actual_le: 0.2, tier: 2 }
slos:
  - name: availability
${SLO_BODY}
`,
      { source: 'slo.yaml' },
    );
    const yaml = renderRulesYaml(generateRules(specs));
    expect(yaml).toContain('      generated: "true"\n');
    expect(yaml).toContain('      actual_le: "0.2"\n');
    expect(yaml).toContain('      tier: "2"\n');
  });
});

/** A prometheus/v1 spec with `groupPlugins` and `sloPlugins` (YAML flow text). */
function specWithPlugins(groupPlugins?: string, sloPlugins?: string) {
  return `version: prometheus/v1
service: checkout
${groupPlugins ? `slo_plugins: ${groupPlugins}\n` : ''}slos:
  - name: availability
${sloPlugins ? `    plugins: ${sloPlugins}\n` : ''}${SLO_BODY}
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
`;
}

const VALIDATE = "{ id: 'sloth.dev/core/validate/v1' }";
const SLI = "{ id: 'sloth.dev/core/sli_rules/v1' }";
const META = "{ id: 'sloth.dev/core/metadata_rules/v1' }";
const ALERTS = "{ id: 'sloth.dev/core/alert_rules/v1' }";
const VICTORIA = "{ id: 'sloth.dev/contrib/validate_victoria_metrics/v1' }";

const groupNames = (specs: ServiceLevelSpec[]) =>
  generateRules(specs).map(group => group.name);
const ALL_GROUPS = [
  'sloth-slo-sli-recordings-checkout-availability',
  'sloth-slo-meta-recordings-checkout-availability',
  'sloth-slo-alerts-checkout-availability',
];

describe("SLO plugin chains of Sloth's own steps", () => {
  const defaultRules = generateRules(
    parseSloSpecs(specWithPlugins(), { source: 'slo.yaml' }).specs,
  );

  it.each([
    {
      name: 'the core validator, listed again',
      group: `{ chain: [${VALIDATE}] }`,
    },
    {
      name: 'every core step listed after the defaults',
      group: `{ chain: [${VALIDATE}, ${SLI}, ${META}, ${ALERTS}] }`,
    },
    {
      name: 'the VictoriaMetrics validator replacing the default validation',
      group: `{ overridePrevious: true, chain: [{ id: 'sloth.dev/contrib/validate_victoria_metrics/v1', priority: -100 }, ${SLI}, ${META}, ${ALERTS}] }`,
    },
    {
      name: 'the VictoriaMetrics validator beside the defaults',
      group: `{ chain: [${VICTORIA}] }`,
    },
    {
      name: 'noop and debug steps',
      group: `{ chain: [{ id: 'sloth.dev/core/noop/v1' }, { id: 'sloth.dev/core/debug/v1', config: { msg: hello, result: true } }] }`,
    },
    {
      name: 'an unoptimised SLI step overwritten by the default one that runs after it',
      group: `{ chain: [{ id: 'sloth.dev/core/sli_rules/v1', priority: -10, config: { disableOptimized: true } }] }`,
    },
    {
      name: "the SLO's own chain replacing the group's",
      group: `{ overridePrevious: true, chain: [${VALIDATE}] }`,
      slo: `{ overridePrevious: true, chain: [${VALIDATE}, ${SLI}, ${META}, ${ALERTS}] }`,
    },
  ])('$name: the same rules as without a chain', ({ group, slo }) => {
    const result = parseSloSpecs(specWithPlugins(group, slo), {
      source: 'slo.yaml',
    });
    expect(result.errors).toEqual([]);
    expect(result.specs[0].ruleSteps).toBeUndefined();
    expect(generateRules(result.specs)).toEqual(defaultRules);
  });

  it.each([
    {
      name: 'no alert step after overridePrevious',
      group: `{ overridePrevious: true, chain: [${VALIDATE}, ${SLI}, ${META}] }`,
      groups: ALL_GROUPS.slice(0, 2),
    },
    {
      name: 'a validator alone after overridePrevious (Sloth generates nothing)',
      group: `{ overridePrevious: true, chain: [${VICTORIA}] }`,
      groups: [],
    },
    {
      name: "the SLO's overridePrevious dropping the group's steps too",
      group: `{ chain: [${ALERTS}] }`,
      slo: `{ overridePrevious: true, chain: [${META}] }`,
      groups: ALL_GROUPS.slice(1, 2),
    },
  ])('$name', ({ group, slo, groups }) => {
    const result = parseSloSpecs(specWithPlugins(group, slo), {
      source: 'slo.yaml',
    });
    expect(result.errors).toEqual([]);
    expect(groupNames(result.specs)).toEqual(groups);
  });

  it('an unoptimised SLI step after the defaults queries the period directly', () => {
    const result = parseSloSpecs(
      specWithPlugins(
        `{ chain: [{ id: 'sloth.dev/core/sli_rules/v1', priority: 10, config: { disableOptimized: true } }] }`,
      ),
      { source: 'slo.yaml' },
    );
    expect(result.errors).toEqual([]);
    const period = generateRules(result.specs)[0].rules.at(-1)!;
    expect(period.record).toBe('slo:sli_error:ratio_rate30d');
    expect(period.expr).toBe(
      '(sum(rate(http_requests_total{code=~"5.."}[30d])))\n/\n(sum(rate(http_requests_total[30d])))\n',
    );
  });

  it.each([
    {
      name: 'a Go plugin of the SLO',
      slo: "{ chain: [{ id: 'acme/labels/v1' }] }",
      error:
        'SLO "availability": SLO plugin "acme/labels/v1" in plugins.chain is not supported',
    },
    {
      name: 'a Go plugin of the group',
      group: `{ chain: [${VALIDATE}, { id: 'sloth.dev/contrib/info_labels/v1' }] }`,
      error:
        'SLO plugin "sloth.dev/contrib/info_labels/v1" in slo_plugins is not supported',
    },
    {
      name: 'overridePrevious without plugins',
      group: '{ overridePrevious: true, chain: [] }',
      error:
        "plugins.overridePrevious drops Sloth's default plugins, but no plugins are listed",
    },
    {
      name: 'a core step with a config of the wrong type',
      group:
        "{ chain: [{ id: 'sloth.dev/core/sli_rules/v1', config: { disableOptimized: 'yes' } }] }",
      error:
        'config.disableOptimized of plugin "sloth.dev/core/sli_rules/v1" must be a boolean (got string)',
    },
    {
      name: 'a fractional priority',
      group: "{ chain: [{ id: 'sloth.dev/core/noop/v1', priority: 1.5 }] }",
      error:
        'the priority of plugin "sloth.dev/core/noop/v1" must be an integer (got 1.5)',
    },
  ])('rejects $name with a clear error', ({ group, slo, error }) => {
    const result = parseSloSpecs(specWithPlugins(group, slo), {
      source: 'slo.yaml',
    });
    expect(result.specs).toEqual([]);
    expect(result.errors.map(e => e.message).join('\n')).toContain(error);
  });
});
