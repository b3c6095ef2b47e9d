/*
 * The health queries against a real Prometheus (/usr/bin/prometheus)
 * scraping exporters of known figures every second, with 20 minutes of
 * their history backfilled: a service with every
 * metric (ok), one without process metrics (partial), a selector nothing
 * matches (empty), a rejected service query, and Prometheus stopped
 * (prometheus-down, with when it was last reached).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { createDependencyHealth } from '@vigil/backend-kit';
import type { EntityHealth } from '@vigil/backstage-plugin-service-health-common';
import {
  SHOP,
  startExporter,
  startPrometheus,
  waitForSamples,
  type TestExporter,
  type TestPrometheus,
} from '../__testUtils__/prometheus';
import { HealthService } from './HealthService';
import { PrometheusRangeClient } from './PrometheusRangeClient';

// The scoring API's own series as catalog-info.yaml declares them, and one
// Prometheus rejects.
const scoringApi = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../catalog-info.yaml'),
    'utf8',
  ),
)
  .map(doc => doc.toJS() as Entity)
  .find(e => e?.kind === 'Component' && e.metadata.name === 'scoring-api')!;
const SERVICE_SERIES = `${
  scoringApi.metadata.annotations!['vigil.dev/health-series']
}\nBroken | count | sum(rate($selector[$rate]))`;

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

const ENTITIES: Record<string, Entity> = {
  'component:default/shop': entity('shop', {
    'vigil.dev/prometheus-job': 'shop',
    'vigil.dev/health-series': SERVICE_SERIES,
  }),
  'component:default/bare': entity('bare', {
    'vigil.dev/prometheus-selector': 'job="bare"',
  }),
  'component:default/ghost': entity('ghost', {
    'vigil.dev/prometheus-job': 'ghost',
  }),
};

const catalog = {
  getEntityByRef: async (ref: string | object) =>
    typeof ref === 'string' ? ENTITIES[ref] : undefined,
};

function latest(health: EntityHealth, panelId: string, series?: string) {
  const panel = health.panels.find(p => p.id === panelId)!;
  const line = series
    ? panel.series.find(s => s.name === series)
    : panel.series[0];
  const values = (line?.points ?? [])
    .map(([, v]) => v)
    .filter((v): v is number => v !== null);
  return values[values.length - 1];
}

describe('HealthService against a real Prometheus', () => {
  let shop: TestExporter;
  let bare: TestExporter;
  let prometheus: TestPrometheus | undefined;
  let service: HealthService;

  beforeAll(async () => {
    shop = await startExporter({ withProcess: true });
    bare = await startExporter({ withProcess: false });
    prometheus = await startPrometheus({ shop, bare });
    // Live scrapes up to the 15 s step the answer ends on, so the last
    // rate window ends on live samples, not in the gap after the history.
    await waitForSamples(prometheus.baseUrl, ['shop', 'bare'], 17);
    const dependencyHealth = createDependencyHealth({
      logger: mockServices.logger.mock(),
      config: mockServices.rootConfig({
        data: {
          vigil: {
            dependencies: {
              prometheus: { timeout: '2s', retries: 0 },
            },
          },
        },
      }),
    });
    service = new HealthService({
      catalog,
      cache: mockServices.cache.mock(),
      cacheTtlMs: 20_000,
      prometheus: new PrometheusRangeClient({
        baseUrl: prometheus.baseUrl,
        dependency: dependencyHealth.dependency('prometheus'),
      }),
    });
  }, 150_000);

  afterAll(async () => {
    await prometheus?.stop();
    shop?.server.close();
    bare?.server.close();
  }, 60_000);

  const get = (name: string) =>
    service.getHealth(
      { kind: 'component', namespace: 'default', name },
      '15m',
      mockCredentials.user(),
    );

  it('answers every panel of a fully instrumented service (ok but for a broken series)', async () => {
    const health = await get('shop');
    expect(health).toMatchObject({
      entityRef: 'component:default/shop',
      range: '15m',
      stepSeconds: 15,
      rateWindow: '1m',
      selector: 'job="shop"',
      profile: 'prom-client',
      prometheus: { reachable: true },
    });
    expect(latest(health, 'requests')).toBeCloseTo(SHOP.requestsPerSecond, 0);
    expect(latest(health, 'errors')).toBeCloseTo(SHOP.errorRatio, 3);
    // Linear within buckets: p50 in (0, 0.1], p95 and p99 in (0.1, 0.5].
    expect(latest(health, 'latency', 'p50')).toBeCloseTo((0.1 * 0.5) / 0.9, 3);
    expect(latest(health, 'latency', 'p95')).toBeCloseTo(
      0.1 + (0.4 * (0.95 - 0.9)) / 0.09,
      3,
    );
    expect(latest(health, 'latency', 'p99')).toBeCloseTo(0.5, 3);
    expect(latest(health, 'memory')).toBe(SHOP.residentMemoryBytes);
    expect(latest(health, 'event-loop-lag')).toBe(SHOP.eventLoopLagSeconds);
    expect(latest(health, 'open-handles')).toBe(SHOP.openHandles);
    expect(latest(health, 'cpu')).toBeCloseTo(SHOP.cpuCoresBusy, 1);
    expect(latest(health, 'service-feature-cache-hit-ratio')).toBeCloseTo(
      SHOP.cacheHitRatio,
      3,
    );
    expect(latest(health, 'service-feature-store-latency-p95')).toBeCloseTo(
      0.005 + (0.005 * (0.95 - 0.9)) / 0.09,
      4,
    );
    expect(health.annotationIssues).toEqual([]);
    // Per instance, so blue and green each get a line.
    expect(health.panels.find(p => p.id === 'memory')!.series[0].name).toMatch(
      /^127\.0\.0\.1:\d+$/,
    );
    // The query Prometheus rejects is that panel's note; the rest stands.
    const broken = health.panels.find(p => p.id === 'service-broken')!;
    expect(broken.hasData).toBe(false);
    expect(broken.note).toContain('Prometheus rejected the query');
    expect(health.state).toBe('partial');
    expect(health.missingPanels).toEqual(['Broken']);
  });

  it('partial: a service without process metrics names its empty panels', async () => {
    const health = await get('bare');
    expect(health.state).toBe('partial');
    expect(health.missingPanels).toEqual([
      'Event-loop lag (p99)',
      'CPU',
      'Resident memory',
      'Open handles',
    ]);
    expect(health.message).toBe(
      'No data in this range for: Event-loop lag (p99), CPU, Resident memory, Open handles.',
    );
    expect(latest(health, 'requests')).toBeCloseTo(SHOP.requestsPerSecond, 0);
  });

  it('empty: a selector Prometheus has nothing for says so', async () => {
    const health = await get('ghost');
    expect(health.state).toBe('empty');
    expect(health.message).toContain(
      'Prometheus has no data for {job="ghost"}',
    );
    expect(health.panels.every(p => !p.hasData)).toBe(true);
  });

  it('prometheus-down: Prometheus stopped, with when it was last reached', async () => {
    await prometheus!.stop();
    prometheus = undefined;
    // Another range: not answered from the cache.
    const health = await service.getHealth(
      { kind: 'component', namespace: 'default', name: 'shop' },
      '1h',
      mockCredentials.user(),
    );
    expect(health.state).toBe('prometheus-down');
    expect(health.prometheus.reachable).toBe(false);
    expect(health.prometheus.lastReachableAt).toEqual(expect.any(String));
    expect(health.message).toContain('Prometheus is unreachable');
    expect(health.message).toContain(
      `last reached at ${health.prometheus.lastReachableAt}`,
    );
  }, 60_000);
});
