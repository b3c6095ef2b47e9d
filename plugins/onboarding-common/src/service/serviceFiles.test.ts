import { parse } from 'yaml';
import { renderCatalogInfo } from './catalogInfo';
import { parseOnCallStub, renderOnCallStub } from './onCallStub';
import { renderMkdocs, renderRunbookIndex } from './runbook';
import { renderServiceFiles } from './serviceFiles';
import { addServiceInputSchema, AddServiceValues } from './serviceInput';
import { renderSloSpec } from './sloSpec';

const values = (change: Record<string, unknown> = {}): AddServiceValues =>
  addServiceInputSchema.parse({
    name: 'checkout-api',
    title: 'Checkout API',
    description: 'Takes the payment',
    owner: 'group:default/payments',
    system: 'system:default/risk-scoring',
    prometheusJob: 'checkout',
    availabilityObjective: 99.5,
    latencyObjective: 95,
    latencyThresholdMs: 800,
    ...change,
  });

// Text that would add keys or end the scalar if written unquoted.
const HOSTILE = [
  'Checkout: "the" API # not a comment',
  "it's\u2028  owner: group:default/sre",
  '{ "x": 1 } [a] & *b !tag %c @d `e`',
  'unicode ✓ and \\ backslash',
];

describe('renderCatalogInfo', () => {
  it('writes a Component in default with the annotations Vigil reads', () => {
    expect(parse(renderCatalogInfo(values()))).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout-api',
        namespace: 'default',
        title: 'Checkout API',
        description: 'Takes the payment',
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'vigil.dev/slo-spec': './slo.yaml',
          'vigil.dev/prometheus-job': 'checkout',
          'vigil.dev/alert-service': 'checkout-api',
          'vigil.dev/log-service': 'checkout-api',
        },
        tags: ['onboarded'],
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/payments',
        system: 'system:default/risk-scoring',
      },
    });
  });

  it('leaves the system out when there is none', () => {
    expect(
      parse(renderCatalogInfo(values({ system: undefined }))).spec,
    ).not.toHaveProperty('system');
  });

  it.each([...HOSTILE, 'two\n  owner: group:default/sre\nlines', 'a\ttab'])(
    'keeps %j one scalar in the description',
    text => {
      const doc = parse(renderCatalogInfo(values({ description: text })));
      expect(doc.metadata.description).toBe(text.trim());
      expect(doc.spec.owner).toBe('group:default/payments');
    },
  );

  it.each(HOSTILE)('keeps %j one scalar in title and description', text => {
    const doc = parse(
      renderCatalogInfo(values({ title: text, description: text })),
    );
    expect(doc.metadata.title).toBe(text.trim());
    expect(doc.metadata.description).toBe(text.trim());
    expect(doc.spec.owner).toBe('group:default/payments');
  });
});

describe('renderSloSpec', () => {
  it.each([
    [800, '0.8', '800 ms'],
    [250, '0.25', '250 ms'],
    [1000, '1', '1 s'],
    [2500, '2.5', '2.5 s'],
  ])('a %i ms threshold selects le="%s"', (ms, le, shown) => {
    const spec = parse(renderSloSpec(values({ latencyThresholdMs: ms })));
    const latency = spec.slos[1];
    expect(latency.sli.events.error_query).toContain(`le="${le}"`);
    expect(latency.description).toContain(shown);
  });

  it('writes Sloth prometheus/v1 with both SLOs for the job', () => {
    const spec = parse(
      renderSloSpec(values(), { portalBaseUrl: 'http://localhost:3000/' }),
    );
    expect(spec).toMatchObject({
      version: 'prometheus/v1',
      service: 'checkout-api',
      labels: { owner: 'payments', system: 'risk-scoring' },
    });
    expect(spec.slos.map((s: any) => [s.name, s.objective])).toEqual([
      ['availability', 99.5],
      ['latency', 95],
    ]);
    const [availability] = spec.slos;
    expect(availability.sli.events).toEqual({
      error_query:
        'sum(rate(http_requests_total{job="checkout",status=~"5.."}[{{.window}}]))',
      total_query:
        'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
    });
    expect(availability.alerting).toMatchObject({
      name: 'CheckoutApiAvailabilityBudgetBurn',
      labels: { service: 'checkout-api' },
      annotations: {
        runbook_url:
          'http://localhost:3000/docs/default/component/checkout-api/',
      },
      page_alert: { labels: { severity: 'page' } },
      ticket_alert: { labels: { severity: 'ticket' } },
    });
  });

  it('has no runbook link without the portal address', () => {
    const spec = parse(renderSloSpec(values()));
    expect(spec.slos[0].alerting.annotations).not.toHaveProperty('runbook_url');
  });

  it.each(HOSTILE)('keeps a title like %j inside the summary', text => {
    const spec = parse(renderSloSpec(values({ title: text })));
    expect(spec.slos[0].alerting.annotations.summary).toContain(text.trim());
  });
});

describe('the runbook', () => {
  it('is an mkdocs site of one page', () => {
    expect(parse(renderMkdocs(values()))).toEqual({
      site_name: 'Checkout API runbook',
      site_description: 'Takes the payment',
      docs_dir: 'docs',
      nav: [{ Runbook: 'index.md' }],
      theme: { name: 'material', font: false },
      plugins: ['search'],
    });
  });

  it.each([
    '# Checkout API',
    '## What the service does',
    '## When the availability SLO burns',
    '## When the latency SLO burns',
    '## Deploy and roll back',
    '## On call',
    '| Latency objective | 95% of requests under 0.8 s |',
    '| System | `system:default/risk-scoring` |',
  ])('has %j', line => {
    expect(renderRunbookIndex(values()).split('\n')).toContain(line);
  });
});

describe('the on-call stub', () => {
  it('is a weekly rotation of the initiator, starting today at 09:00', () => {
    const text = renderOnCallStub(values(), {
      initiatorRef: 'user:default/carol',
      today: '2026-03-02',
    });
    expect(parseOnCallStub(text)).toEqual({
      schedule: {
        ownerRef: 'group:default/payments',
        name: 'Checkout API on-call',
        description:
          'Starter weekly rotation for checkout-api (Add your service)',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Primary',
            rotation: { unit: 'week', length: 1 },
            start: '2026-03-02T09:00',
            participants: ['user:default/carol'],
          },
        ],
      },
    });
  });

  it.each([[undefined], ['group:default/sre'], ['not a ref']])(
    'has no layer when the initiator is %j',
    initiatorRef => {
      const stub = parseOnCallStub(
        renderOnCallStub(values(), { initiatorRef, today: '2026-03-02' }),
      );
      expect(stub.schedule.layers).toEqual([]);
    },
  );
});

describe('renderServiceFiles', () => {
  it('writes catalog-info.yaml last', () => {
    const files = renderServiceFiles(values(), { today: '2026-03-02' });
    expect(files.map(f => f.path)).toEqual([
      'slo.yaml',
      'mkdocs.yml',
      'docs/index.md',
      'oncall.yaml',
      'catalog-info.yaml',
    ]);
  });
});
