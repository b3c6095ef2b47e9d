// Prometheus data lives in fresh temporary directories the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
/*
 * Against the real Prometheus (/usr/bin/prometheus) with 31 days of
 * backfilled data of known error ratios: the batched evaluation must report
 * the budget those ratios imply. The same Prometheus also scrapes a live
 * exporter and evaluates the recording rules slo-common generates for it.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  generateRules,
  renderRulesYaml,
} from '@vigil/backstage-plugin-slo-common';
import { createDependencyHealth } from '@vigil/backend-kit';
import { definitionsFrom, memoryCache } from '../__testUtils__/fixtures';
import {
  END_S,
  AVAILABILITY_ERROR_RATIO,
  SPEC,
  LIVE_SPEC,
  LIVE_ERROR_RATIO,
  startLiveExporter,
  SCORING_API_SPEC,
  SLOW_SHARE,
  writeOpenMetrics,
  freePort,
} from '../__testUtils__/prometheusData';
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

// As in the backend: queries run through backend-kit's dependency (timeout,
// retries, breaker); short retry pauses keep the unreachable case quick.
const dependencyHealth = createDependencyHealth({
  logger: mockServices.logger.mock(),
  backoff: { initialDelayMs: 10, maxDelayMs: 50 },
});
const clientOf = (baseUrl: string, name = 'prometheus', timeoutMs = 30_000) =>
  new PrometheusClient({
    baseUrl,
    dependency: dependencyHealth.dependency(name, { timeoutMs }),
  });

describe('PrometheusClient against a real Prometheus', () => {
  let prometheus: ChildProcess | undefined;
  let exporter: http.Server | undefined;
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
    exporter = await startLiveExporter();
    const rules = path.join(workDir, 'rules.yml');
    fs.writeFileSync(
      rules,
      renderRulesYaml(
        generateRules(definitionsFrom(LIVE_SPEC).map(d => d.spec)),
      ),
    );
    const config = path.join(workDir, 'prometheus.yml');
    fs.writeFileSync(
      config,
      JSON.stringify({
        global: { scrape_interval: '1m', evaluation_interval: '1s' },
        rule_files: [rules],
        scrape_configs: [
          {
            job_name: 'live',
            scrape_interval: '1s',
            static_configs: [
              {
                targets: [
                  `127.0.0.1:${(exporter.address() as net.AddressInfo).port}`,
                ],
              },
            ],
          },
        ],
      }),
    );
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
  }, 300_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(resolve => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    exporter?.close();
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
    const client = clientOf(baseUrl);
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
      now: () => END_S * 1000,
    });

    // None of these SLOs has recordings: 8 selectors find nothing, then
    // 8 raw queries.
    expect(await evaluator.evaluate()).toEqual({
      outcome: 'evaluated',
      evaluated: 5,
      queries: 16,
      windows: { recorded: 0, raw: 40 },
    });
    const raw = queried.filter(q => !q.startsWith('slo:sli_error:'));
    expect(raw).toHaveLength(8);
    expect(
      raw.every(q => q.split(') or max by (vigil_slo_id)').length === 5),
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
      client: clientOf(baseUrl),
      cache: memoryCache(),
      logger: mockServices.logger.mock(),
      thresholds: { warningBudgetRemaining: 0.25 },
      maxQueryLength: 200_000,
      now: () => END_S * 1000,
    });
    const started = Date.now();
    expect(await evaluator.evaluate()).toMatchObject({
      outcome: 'evaluated',
      evaluated: 2,
      queries: 16,
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

  it('evaluates from the generated recording rules Prometheus evaluates, and raw where they record nothing', async () => {
    const client = clientOf(baseUrl);
    // Until the period ratio is recorded, every window is.
    const deadline = Date.now() + 60_000;
    while (
      (
        await client.queryVector(
          'slo:sli_error:ratio_rate30d{sloth_service="live"}',
          Date.now(),
        )
      ).length === 0
    ) {
      if (Date.now() > deadline) throw new Error('no recordings after 60 s');
      await new Promise(r => setTimeout(r, 500));
    }

    const knex = await databases.init('SQLITE_3');
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    const entityRef = 'component:default/live';
    const now = Date.now();
    await store.replaceSpecs(
      [
        {
          entity: {
            entityRef,
            specSource: { type: 'inline' },
            errors: [],
            warnings: [],
          },
          definitions: definitionsFrom(LIVE_SPEC, entityRef),
        },
      ],
      now,
    );
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
      now: () => now,
    });
    // availability from its 8 recordings; quiet, which Sloth's rules
    // record nothing for (no error series), from 8 raw queries.
    expect(await evaluator.evaluate()).toEqual({
      outcome: 'evaluated',
      evaluated: 2,
      queries: 16,
      windows: { recorded: 8, raw: 8 },
    });
    const raw = queried.filter(q => !q.startsWith('slo:sli_error:'));
    expect(raw.every(q => q.includes('"live-quiet"'))).toBe(true);
    expect(raw.some(q => q.includes('"live-availability"'))).toBe(false);

    const availability = await store.getCurrentStatus('live-availability');
    expect(availability!.sli!).toBeCloseTo(LIVE_ERROR_RATIO, 6);
    expect(availability!.budgetRemaining!).toBeCloseTo(0.5, 4);
    expect(availability!.burnRates['5m']!).toBeCloseTo(0.5, 4);
    expect(availability).toMatchObject({ status: 'ok', error: null });
    expect(await store.getCurrentStatus('live-quiet')).toMatchObject({
      status: 'ok',
      sli: 0,
      budgetRemaining: 1,
      error: null,
    });
  }, 120_000);

  it('reports rejected queries and an unreachable Prometheus distinctly', async () => {
    const client = clientOf(baseUrl);
    await expect(
      client.queryVector('sum(rate(x[5m])', END_S * 1000),
    ).rejects.toBeInstanceOf(PrometheusQueryError);
    const down = clientOf(
      `http://127.0.0.1:${await freePort()}`,
      'prometheus-down',
      1_000,
    );
    await expect(
      down.queryVector('vector(1)', Date.now()),
    ).rejects.toBeInstanceOf(PrometheusUnavailableError);
  });
});
