// Test fixtures live in fresh temporary directories the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
/*
 * Against the real Prometheus (/usr/bin/prometheus) with 31 days of
 * backfilled data of known error ratios: the batched evaluation must report
 * the budget those ratios imply.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { definitionsFrom, memoryCache } from '../__testUtils__/fixtures';
import { DatabaseSloStore, sloMigrations } from '../database/DatabaseSloStore';
import {
  PrometheusClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from './PrometheusClient';
import { SloEvaluator } from './SloEvaluator';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const available = fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const STEP_S = 60;
const DAYS = 31;
// Ends two hours ago so the backfilled blocks never overlap the head block.
const END_S = Math.floor(Date.now() / 1000 / 3600) * 3600 - 2 * 3600;
const START_S = END_S - DAYS * 86_400;
const REQUESTS_PER_S = 10;
const AVAILABILITY_ERROR_RATIO = 0.0005; // 99.9% objective: half the budget left
const LATENCY_ERROR_RATIO = 0.02; // 99% objective: overspent twice

const SPEC = `
version: prometheus/v1
service: shop
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="shop",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopAvailability
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
  - name: latency
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(slow_requests_total{job="shop"}[{{.window}}])) / sum(rate(requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopLatency
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
  - name: idle
    objective: 99
    sli:
      events:
        error_query: sum(rate(idle_requests_total{job="shop",code="500"}[{{.window}}]))
        total_query: sum(rate(idle_requests_total{job="shop"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
  - name: renamed
    objective: 99
    sli:
      events:
        error_query: sum(rate(gone_requests_total{job="shop",code="500"}[{{.window}}]))
        total_query: sum(rate(gone_requests_total{job="shop"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
  - name: quiet
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(quiet_requests_total{job="shop",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(quiet_requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopQuiet
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
`;

/** The scoring API's own spec, as the catalog serves it. */
const SCORING_API_SPEC = fs.readFileSync(
  path.resolve(__dirname, '../../../../packages/scoring-api/slo.yaml'),
  'utf8',
);
const SCORING_LABELS = 'job="scoring-api",route="/v1/score",method="POST"';
const SLOW_SHARE = 0.01; // 95% latency objective: a fifth of the budget spent

/**
 * OpenMetrics counters growing at constant rates, one sample per minute.
 * Families named `..._total` are counters; others are written as they are
 * (histogram series as `unknown` families, which promtool backfills).
 */
function writeOpenMetrics(file: string) {
  const series: Array<{ family: string; labels: string; perSecond: number }> = [
    {
      family: 'http_requests',
      labels: '{job="shop",code="200"}',
      perSecond: REQUESTS_PER_S * (1 - AVAILABILITY_ERROR_RATIO),
    },
    {
      family: 'http_requests',
      labels: '{job="shop",code="500"}',
      perSecond: REQUESTS_PER_S * AVAILABILITY_ERROR_RATIO,
    },
    { family: 'requests', labels: '{job="shop"}', perSecond: REQUESTS_PER_S },
    {
      family: 'slow_requests',
      labels: '{job="shop"}',
      perSecond: REQUESTS_PER_S * LATENCY_ERROR_RATIO,
    },
    // Exists, but no traffic at all: 0/0.
    {
      family: 'idle_requests',
      labels: '{job="shop",code="200"}',
      perSecond: 0,
    },
    {
      family: 'idle_requests',
      labels: '{job="shop",code="500"}',
      perSecond: 0,
    },
    // Traffic without a single error: there is no code="5xx" series at all.
    {
      family: 'quiet_requests',
      labels: '{job="shop",code="200"}',
      perSecond: REQUESTS_PER_S,
    },
    // The scoring API as it was reported: serving without errors.
    {
      family: 'http_requests',
      labels: `{${SCORING_LABELS},status="200"}`,
      perSecond: REQUESTS_PER_S,
    },
    {
      family: 'http_request_duration_seconds_count',
      labels: `{${SCORING_LABELS},status="200"}`,
      perSecond: REQUESTS_PER_S,
    },
    {
      family: 'http_request_duration_seconds_bucket',
      labels: `{${SCORING_LABELS},status="200",le="0.8"}`,
      perSecond: REQUESTS_PER_S * (1 - SLOW_SHARE),
    },
  ];
  const lines: string[] = [];
  const byFamily = new Map<string, typeof series>();
  for (const s of series) {
    byFamily.set(s.family, [...(byFamily.get(s.family) ?? []), s]);
  }
  for (const [family, members] of byFamily) {
    const counter = !family.startsWith('http_request_duration_seconds');
    lines.push(`# TYPE ${family} ${counter ? 'counter' : 'unknown'}`);
    for (const s of members) {
      for (let t = START_S; t <= END_S; t += STEP_S) {
        const value = (t - START_S) * s.perSecond;
        lines.push(
          `${s.family}${counter ? '_total' : ''}${s.labels} ${value} ${t}`,
        );
      }
    }
  }
  lines.push('# EOF', '');
  fs.writeFileSync(file, lines.join('\n'));
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('PrometheusClient against a real Prometheus', () => {
  let prometheus: ChildProcess | undefined;
  let workDir: string;
  let baseUrl: string;

  beforeAll(async () => {
    // CI installs Prometheus (.ci/run); without it this test fails, never skips.
    if (!available) {
      throw new Error(
        `${PROMETHEUS} and ${PROMTOOL} are needed: apt-get install prometheus`,
      );
    }
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-prometheus-'));
    const dataDir = path.join(workDir, 'data');
    const input = path.join(workDir, 'backfill.om');
    writeOpenMetrics(input);
    execFileSync(PROMTOOL, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      input,
      dataDir,
    ]);
    const config = path.join(workDir, 'prometheus.yml');
    fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=90d',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await fetch(`${baseUrl}/-/ready`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('Prometheus did not start');
      await new Promise(r => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(resolve => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('evaluates every SLO with one batched query per window', async () => {
    const knex = await databases.init('SQLITE_3');
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    const entityRef = 'component:default/shop';
    await store.replaceSpecs(
      [
        {
          entity: {
            entityRef,
            specSource: { type: 'inline' },
            errors: [],
            warnings: [],
          },
          definitions: definitionsFrom(SPEC, entityRef),
        },
      ],
      END_S * 1000,
    );
    const client = new PrometheusClient({ baseUrl, timeoutMs: 30_000 });
    const queried: string[] = [];
    const evaluator = new SloEvaluator({
      store,
      client: {
        queryVector: (query, time) => {
          queried.push(query);
          return client.queryVector(query, time);
        },
      },
      cache: memoryCache(),
      logger: mockServices.logger.mock(),
      thresholds: { warningBudgetRemaining: 0.25 },
      maxQueryLength: 8000,
      backoff: { initialMs: 60_000, maxMs: 600_000 },
      now: () => END_S * 1000,
    });

    expect(await evaluator.evaluate()).toEqual({
      outcome: 'evaluated',
      evaluated: 5,
      queries: 8,
    });
    expect(
      queried.every(q => q.split(') or max by (vigil_slo_id)').length === 5),
    ).toBe(true);

    const availability = await store.getCurrentStatus('shop-availability');
    // Within 0.1 percentage point of the budget the data implies.
    expect(Math.abs(availability!.budgetRemaining! - 0.5)).toBeLessThan(0.001);
    expect(availability!.sli!).toBeCloseTo(AVAILABILITY_ERROR_RATIO, 6);
    expect(availability!.burnRates['5m']!).toBeCloseTo(0.5, 3);
    expect(availability!.burnRates['3d']!).toBeCloseTo(0.5, 3);
    expect(availability).toMatchObject({ status: 'ok', firingAlert: null });

    const latency = await store.getCurrentStatus('shop-latency');
    expect(Math.abs(latency!.budgetRemaining! - -1)).toBeLessThan(0.001);
    // Burning at 2x: over the slow ticket pair's factor (1, 6h and 3d) but
    // under the page factors (14.4 and 6), so a ticket.
    expect(latency).toMatchObject({
      status: 'breaching',
      firingAlert: 'ticket',
    });

    // No error series, but traffic: no errors (SLI 100%), the whole
    // budget, never "no data".
    const quiet = await store.getCurrentStatus('shop-quiet');
    expect(quiet).toMatchObject({
      status: 'ok',
      sli: 0,
      budgetRemaining: 1,
      firingAlert: null,
      firingAlerts: [],
      error: null,
    });
    expect(Object.values(quiet!.burnRates)).toEqual(Array(7).fill(0));

    // Neither series (a renamed metric) or no traffic at all: no data.
    for (const sloId of ['shop-idle', 'shop-renamed']) {
      const status = await store.getCurrentStatus(sloId);
      expect(status).toMatchObject({
        status: 'no-data',
        sli: null,
        budgetRemaining: null,
        error: null,
      });
      expect(Object.values(status!.burnRates).every(v => v === null)).toBe(
        true,
      );
    }
  }, 120_000);

  it("shows the scoring API's availability as 100% while it serves without errors", async () => {
    const knex = await databases.init('SQLITE_3');
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    const entityRef = 'component:default/scoring-api';
    await store.replaceSpecs(
      [
        {
          entity: {
            entityRef,
            specSource: {
              type: 'file',
              target: 'packages/scoring-api/slo.yaml',
            },
            errors: [],
            warnings: [],
          },
          definitions: definitionsFrom(SCORING_API_SPEC, entityRef),
        },
      ],
      END_S * 1000,
    );
    const evaluator = new SloEvaluator({
      store,
      client: new PrometheusClient({ baseUrl, timeoutMs: 30_000 }),
      cache: memoryCache(),
      logger: mockServices.logger.mock(),
      thresholds: { warningBudgetRemaining: 0.25 },
      maxQueryLength: 200_000,
      backoff: { initialMs: 60_000, maxMs: 600_000 },
      now: () => END_S * 1000,
    });
    const started = Date.now();
    expect(await evaluator.evaluate()).toEqual({
      outcome: 'evaluated',
      evaluated: 2,
      queries: 8,
    });
    // A cycle must fit well inside the 15 s evaluation interval.
    expect(Date.now() - started).toBeLessThan(15_000);

    expect(
      await store.getCurrentStatus('scoring-api-availability'),
    ).toMatchObject({ status: 'ok', sli: 0, budgetRemaining: 1 });
    const latency = await store.getCurrentStatus('scoring-api-latency');
    expect(latency!.sli!).toBeCloseTo(SLOW_SHARE, 6);
    expect(latency!.budgetRemaining!).toBeCloseTo(0.8, 3);
  }, 120_000);

  it('reports rejected queries and an unreachable Prometheus distinctly', async () => {
    const client = new PrometheusClient({ baseUrl, timeoutMs: 10_000 });
    await expect(
      client.queryVector('sum(rate(x[5m])', END_S * 1000),
    ).rejects.toBeInstanceOf(PrometheusQueryError);
    const down = new PrometheusClient({
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      timeoutMs: 1_000,
      attempts: 2,
      retryDelayMs: 10,
    });
    await expect(
      down.queryVector('vector(1)', Date.now()),
    ).rejects.toBeInstanceOf(PrometheusUnavailableError);
  });
});
