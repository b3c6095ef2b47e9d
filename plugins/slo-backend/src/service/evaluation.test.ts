import { generateRules } from '@vigil/backstage-plugin-slo-common';
import { definitionsFrom, SPEC_YAML } from '../__testUtils__/fixtures';
import {
  batchQueries,
  evaluateSlo,
  joinBatch,
  recordedRatios,
  recordedRatioSelector,
  recordingTargets,
  sliExpressions,
  taggedExpression,
  usableRatio,
  windowsFor,
} from './evaluation';
import { BURN_RATE_WINDOWS } from './types';

const [availability, latency] = definitionsFrom(SPEC_YAML);
const thresholds = { warningBudgetRemaining: 0.25 };
const NOW = Date.parse('2026-06-01T12:00:00Z');

/** The same error ratio in every window. */
const everywhere = (ratio: number) =>
  new Map<string, number | undefined>(
    [...BURN_RATE_WINDOWS, '30d'].map(window => [window, ratio]),
  );

/** Equal within 1e-9, or both null; `undefined` expects anything. */
function approximately(
  actual: number | null,
  expected: number | null | undefined,
): boolean {
  if (expected === undefined) return true;
  if (expected === null || actual === null) return actual === expected;
  return Math.abs(actual - expected) < 1e-9;
}

describe('sliExpressions', () => {
  it('renders the spec queries for every window, the period included', () => {
    const expressions = sliExpressions(
      availability.spec,
      windowsFor(availability),
    );
    expect([...expressions.keys()].sort()).toEqual(
      ['1d', '1h', '2h', '30d', '30m', '3d', '5m', '6h'].sort(),
    );
    // An absent error series is zero errors while the total exists.
    expect(expressions.get('30d')).toBe(
      '((sum(rate(http_requests_total{job="checkout",code=~"5.."}[30d])))\nor on()\n(0 * (sum(rate(http_requests_total{job="checkout"}[30d])))))\n/\n(sum(rate(http_requests_total{job="checkout"}[30d])))',
    );
    expect(expressions.get('5m')).toContain('or on()');
    expect(sliExpressions(latency.spec, ['5m']).get('5m')).toBe(
      '(sum(rate(slow_requests_total{job="checkout"}[5m])) / sum(rate(requests_total{job="checkout"}[5m])))',
    );
  });
});

describe('batchQueries', () => {
  it('tags each SLO and joins them with or, chunked by length', () => {
    const parts = ['a', 'b', 'c'].map(sloId => ({
      sloId,
      query: taggedExpression(sloId, 'vector(1)'),
    }));
    expect(parts[0].query).toBe(
      'max by (vigil_slo_id) (label_replace(vector(1), "vigil_slo_id", "a", "", ""))',
    );
    expect(batchQueries(parts, 10_000)).toHaveLength(1);
    expect(joinBatch(batchQueries(parts, 10_000)[0])).toBe(
      parts.map(p => p.query).join(' or '),
    );
    const twoPerQuery = batchQueries(parts, parts[0].query.length * 2 + 4);
    expect(twoPerQuery.map(batch => batch.map(p => p.sloId))).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
    // A part longer than the limit still gets a query of its own.
    expect(batchQueries(parts, 5)).toHaveLength(3);
  });
});

describe('evaluateSlo', () => {
  it.each([
    {
      name: 'zero traffic (0/0 is NaN) is no data, never NaN',
      ratios: everywhere(NaN),
      expected: { status: 'no-data', sli: null, budgetRemaining: null },
      burn5m: null,
    },
    {
      name: 'a missing series is no data, not an error',
      ratios: new Map<string, number | undefined>(),
      expected: { status: 'no-data', sli: null, budgetRemaining: null },
      burn5m: null,
    },
    {
      name: 'x/0 (Infinity) is no data',
      ratios: everywhere(Infinity),
      expected: { status: 'no-data', sli: null, budgetRemaining: null },
      burn5m: null,
    },
    {
      name: 'no errors leaves the whole budget',
      ratios: everywhere(0),
      expected: {
        status: 'ok',
        sli: 0,
        budgetRemaining: 1,
        firingAlert: null,
      },
      burn5m: 0,
    },
    {
      name: 'a slightly negative ratio (counter extrapolation) is no errors',
      ratios: everywhere(-1e-12),
      expected: { status: 'ok', sli: 0, budgetRemaining: 1 },
      burn5m: 0,
    },
    {
      name: 'half the budget spent at a steady rate',
      ratios: everywhere(0.0005),
      expected: { status: 'ok', firingAlert: null },
      budget: 0.5,
      burn5m: 0.5,
    },
    {
      name: 'less than a quarter of the budget left is a warning',
      ratios: everywhere(0.0008),
      expected: { status: 'warning', firingAlert: null },
      budget: 0.2,
      burn5m: 0.8,
    },
    {
      name: '100% errors pages and is breaching',
      ratios: everywhere(1),
      expected: {
        status: 'breaching',
        sli: 1,
        firingAlert: 'page',
        firingAlerts: ['page', 'ticket'],
      },
      budget: -999,
      burn5m: 1000,
    },
    {
      name: 'a slow burn over days opens a ticket',
      ratios: new Map<string, number | undefined>([
        ['30d', 0.0002],
        ['2h', 0.002],
        ['1d', 0.002],
        ['6h', 0.002],
        ['3d', 0.002],
        ['5m', 0.002],
        ['30m', 0.002],
        ['1h', 0.002],
      ]),
      expected: {
        status: 'warning',
        firingAlert: 'ticket',
        firingAlerts: ['ticket'],
      },
      budget: 0.8,
      burn5m: 2,
    },
    {
      name: 'a burst in the short window alone does not page',
      ratios: new Map<string, number | undefined>([
        ['30d', 0.0001],
        ['5m', 0.5],
        ['1h', 0.0001],
      ]),
      expected: { status: 'ok', firingAlert: null },
      budget: 0.9,
      burn5m: 500,
    },
  ])('$name', ({ ratios, expected, budget, burn5m }) => {
    const result = evaluateSlo(availability, ratios, NOW, thresholds);
    expect(result).toMatchObject({
      sloId: 'checkout-availability',
      entityRef: 'component:default/checkout',
      evaluatedAt: NOW,
      ...expected,
    });
    expect(approximately(result.budgetRemaining, budget)).toBe(true);
    expect(approximately(result.burnRates['5m'], burn5m)).toBe(true);
    expect(Object.keys(result.burnRates)).toEqual([...BURN_RATE_WINDOWS]);
    // Nothing non-finite ever leaves the evaluator.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('never fires disabled alerts', () => {
    const result = evaluateSlo(latency, everywhere(1), NOW, thresholds);
    expect(result).toMatchObject({
      status: 'breaching',
      firingAlert: null,
      firingAlerts: [],
    });
  });

  it('reports the ticket alert beside the page alert when both fire', () => {
    // 10x the budget from 5m to 1d: under the page's quick factor (14.4),
    // over its slow one (6, 30m and 6h) and the ticket's quick one (3, 2h
    // and 1d); the most severe alone used to hide the ticket.
    const ratios = new Map<string, number | undefined>([
      ['30d', 0.0001],
      ['5m', 0.01],
      ['30m', 0.01],
      ['1h', 0.01],
      ['2h', 0.01],
      ['6h', 0.01],
      ['1d', 0.01],
      ['3d', 0.0001],
    ]);
    expect(evaluateSlo(availability, ratios, NOW, thresholds)).toMatchObject({
      status: 'breaching',
      firingAlert: 'page',
      firingAlerts: ['page', 'ticket'],
    });
  });

  // The rule is `ratio > (factor * errorBudgetRatio)` in both windows of a
  // pair; the portal must agree with it at the threshold, where comparing
  // burn rates (ratio / budget > factor) rounds the other way: for a 99%
  // objective, 14.4 * 0.01 is 0.14400000000000002 and so is its ratio,
  // but 0.14400000000000002 / 0.01 is over 14.4.
  const [strict] = definitionsFrom(
    SPEC_YAML.replace('objective: 99.9', 'objective: 99'),
  );
  const atThreshold = 14.4 * ((100 - 99) / 100);
  it.each([
    ['exactly at the page threshold: the rule does not fire', atThreshold, []],
    [
      'one float above it: the rule fires',
      atThreshold + Number.EPSILON * atThreshold,
      ['page'],
    ],
  ])('%s', (_name, ratio, alerts) => {
    const ratios = new Map<string, number | undefined>([
      ['30d', 0.0001],
      ['5m', ratio],
      ['1h', ratio],
      ['30m', 0],
      ['6h', 0],
      ['2h', 0],
      ['1d', 0],
      ['3d', 0],
    ]);
    const result = evaluateSlo(strict, ratios, NOW, thresholds);
    expect(result.firingAlerts).toEqual(alerts);
    expect(result.status).toBe(alerts.length ? 'breaching' : 'ok');
  });

  it.each([
    [undefined, undefined],
    [NaN, undefined],
    [2, undefined],
    [0.3, 0.3],
  ])('usableRatio(%p) is %p', (input, output) => {
    expect(usableRatio(input)).toBe(output);
  });
});

describe('recordings', () => {
  const labelsOf = (service: string, slo: string, extra = {}) => ({
    sloth_id: `${service}-${slo}`,
    sloth_service: service,
    sloth_slo: slo,
    sloth_window: '5m',
    ...extra,
  });

  it("selects each window's recording by the name the generator records", () => {
    const recorded = generateRules([availability.spec], { period: '30d' })
      .flatMap(group => group.rules)
      .filter(rule => rule.record?.startsWith('slo:sli_error:'));
    expect(recorded.map(rule => rule.record).sort()).toEqual(
      windowsFor(availability)
        .map(window => recordedRatioSelector(window).split('{')[0])
        .sort(),
    );
    // The labels the mapping reads are the ones the rules write.
    expect(recorded[0].labels).toMatchObject({
      sloth_id: 'checkout-availability',
      sloth_service: 'checkout',
      sloth_slo: 'availability',
    });
    expect(recordedRatioSelector('5m')).toBe(
      'slo:sli_error:ratio_rate5m{sloth_id!=""}',
    );
  });

  it('maps the sloth labels to SLO ids, leaving ambiguous SLOs out', () => {
    const twin = { ...availability, sloId: 'other-entity-availability' };
    const relabelled = {
      ...latency,
      spec: { ...latency.spec, labels: { sloth_service: 'shop' } },
    };
    const { sloIdByKey, ambiguous } = recordingTargets([
      availability,
      twin,
      relabelled,
    ]);
    expect(ambiguous.sort()).toEqual([
      'checkout-availability',
      'other-entity-availability',
    ]);
    expect([...sloIdByKey.values()]).toEqual(['checkout-latency']);
    // A spec's own labels win over the generated ones, as in the rules.
    expect(
      recordedRatios(
        [
          {
            labels: labelsOf('shop', 'latency', {
              sloth_id: 'checkout-latency',
            }),
            value: 0.1,
          },
        ],
        sloIdByKey,
      ),
    ).toEqual(new Map([['checkout-latency', 0.1]]));
  });

  const { sloIdByKey } = recordingTargets([availability, latency]);
  it.each([
    {
      name: 'one series per SLO',
      samples: [
        { labels: labelsOf('checkout', 'availability'), value: 0.001 },
        { labels: labelsOf('checkout', 'latency'), value: 0 },
      ],
      expected: [
        ['checkout-availability', 0.001],
        ['checkout-latency', 0],
      ],
    },
    {
      name: 'several series of one SLO: the highest',
      samples: [
        { labels: labelsOf('checkout', 'availability'), value: 0.001 },
        {
          labels: labelsOf('checkout', 'availability', { region: 'eu' }),
          value: 0.004,
        },
      ],
      expected: [['checkout-availability', 0.004]],
    },
    {
      name: 'NaN or infinite: left to the raw query',
      samples: [
        { labels: labelsOf('checkout', 'availability'), value: NaN },
        { labels: labelsOf('checkout', 'latency'), value: Infinity },
      ],
      expected: [],
    },
    {
      name: 'NaN next to a number: the number',
      samples: [
        { labels: labelsOf('checkout', 'availability'), value: NaN },
        {
          labels: labelsOf('checkout', 'availability', { region: 'eu' }),
          value: 0.002,
        },
      ],
      expected: [['checkout-availability', 0.002]],
    },
    {
      name: 'unknown SLOs, other services, missing labels: ignored',
      samples: [
        { labels: labelsOf('checkout', 'search'), value: 0.1 },
        {
          labels: labelsOf('shop', 'availability', {
            sloth_id: 'checkout-availability',
          }),
          value: 0.1,
        },
        { labels: { sloth_id: 'checkout-availability' }, value: 0.1 },
      ],
      expected: [],
    },
  ])('recordedRatios: $name', ({ samples, expected }) => {
    expect([...recordedRatios(samples, sloIdByKey)]).toEqual(expected);
  });
});
