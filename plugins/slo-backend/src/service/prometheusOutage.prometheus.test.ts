// Prometheus data lives in a fresh temporary directory the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
/*
 * The real Prometheus (/usr/bin/prometheus) stopped and started under the
 * SLO evaluator, through backend-kit's `prometheus` dependency as the
 * backend wires it: the breaker opens after its consecutive failures and
 * then fails fast, the outage is logged once when it starts and once when it
 * ends, and the shared evaluation status goes unreachable -> reachable while
 * the SLO figures keep their last values, marked stale.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createDependencyHealth,
  DependencyUnavailableError,
} from '@vigil/backend-kit';
import { definitionsFrom, memoryCache } from '../__testUtils__/fixtures';
import {
  freePort,
  LIVE_SPEC,
  startLiveExporter,
} from '../__testUtils__/prometheusData';
import { DatabaseSloStore, sloMigrations } from '../database/DatabaseSloStore';
import {
  PrometheusClient,
  prometheusDependency,
  PrometheusUnavailableError,
} from './PrometheusClient';
import { SloEvaluator } from './SloEvaluator';
import { SloService } from './SloService';

const PROMETHEUS = '/usr/bin/prometheus';
const ENTITY_REF = 'component:default/live';
/** The breaker of this test: opens after 3 failed attempts, probes 2 s later. */
const FAILURES_TO_OPEN = 3;
const HALF_OPEN_AFTER_MS = 2_000;

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('SLO evaluation while the real Prometheus stops and starts', () => {
  let prometheus: ChildProcess | undefined;
  let exporter: http.Server | undefined;
  let workDir: string;
  let config: string;
  let dataDir: string;
  let port: number;
  let baseUrl: string;

  async function startPrometheus() {
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${baseUrl}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('Prometheus did not start');
      await sleep(200);
    }
  }

  async function stopPrometheus() {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(resolve => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    prometheus = undefined;
  }

  beforeAll(async () => {
    // CI installs Prometheus (.ci/run); without it this test fails, never skips.
    if (!fs.existsSync(PROMETHEUS)) {
      throw new Error(`${PROMETHEUS} is needed: apt-get install prometheus`);
    }
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-outage-'));
    dataDir = path.join(workDir, 'data');
    exporter = await startLiveExporter();
    config = path.join(workDir, 'prometheus.yml');
    fs.writeFileSync(
      config,
      JSON.stringify({
        global: { scrape_interval: '1s' },
        scrape_configs: [
          {
            job_name: 'live',
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
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await startPrometheus();
  }, 120_000);

  afterAll(async () => {
    await stopPrometheus();
    exporter?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('opens the breaker, logs the outage once, keeps the figures stale, and recovers', async () => {
    const knex = await databases.init('SQLITE_3');
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    await store.replaceSpecs(
      [
        {
          entity: {
            entityRef: ENTITY_REF,
            specSource: { type: 'inline' },
            errors: [],
            warnings: [],
          },
          definitions: definitionsFrom(LIVE_SPEC, ENTITY_REF),
        },
      ],
      Date.now(),
    );

    // As plugin.ts wires it, the breaker set through the configuration
    // keys operators use (vigil.dependencies.prometheus).
    const logger = mockServices.logger.mock();
    const dependencyHealth = createDependencyHealth({
      logger,
      config: mockServices.rootConfig({
        data: {
          vigil: {
            dependencies: {
              prometheus: {
                timeout: '2s',
                retries: 1,
                breaker: {
                  consecutiveFailures: FAILURES_TO_OPEN,
                  halfOpenAfter: `${HALF_OPEN_AFTER_MS}ms`,
                },
              },
            },
          },
        },
      }),
      backoff: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    const dependency = prometheusDependency(dependencyHealth, {
      timeoutMs: 30_000,
    });
    const client = new PrometheusClient({ baseUrl, dependency });
    const evaluator = new SloEvaluator({
      store,
      client,
      cache: memoryCache(),
      logger: mockServices.logger.mock(),
      thresholds: { warningBudgetRemaining: 0.25 },
      maxQueryLength: 8000,
    });
    const service = new SloService({
      store,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'live', namespace: 'default' },
          },
        ],
      }),
      cache: memoryCache(),
      readable: { readableEntityRefs: async () => undefined } as never,
      staleAfterMs: 45_000,
    });
    const credentials = mockCredentials.user();
    const availability = async () =>
      (await service.getEntitySlos(credentials, ENTITY_REF)).slos.find(
        slo => slo.sloId === 'live-availability',
      )!;
    const outageLines = () => ({
      warn: logger.warn.mock.calls.filter(([m]) => /Prometheus/.test(m)),
      info: logger.info.mock.calls.filter(([m]) => /Prometheus/.test(m)),
    });

    // Up: figures once Prometheus has scraped a few samples.
    const deadline = Date.now() + 30_000;
    for (;;) {
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'evaluated',
      });
      if ((await availability()).budgetRemaining !== null) break;
      if (Date.now() > deadline) throw new Error('no SLO data after 30 s');
      await sleep(1_000);
    }
    const before = await availability();
    expect(before).toMatchObject({ stale: false, status: 'ok' });
    expect(await service.getEvaluationStatus()).toMatchObject({
      prometheus: 'reachable',
      unreachableSince: null,
    });
    expect(dependency.state()).toMatchObject({
      status: 'up',
      breaker: 'closed',
    });

    // Down: each failed attempt counts until the breaker opens.
    await stopPrometheus();
    const stoppedAt = Date.now();
    let cycles = 0;
    let firstFailedCycleAt: number | undefined;
    while (dependency.state().breaker !== 'open') {
      const started = Date.now();
      firstFailedCycleAt ??= started;
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'unavailable',
      });
      cycles++;
      expect(cycles).toBeLessThanOrEqual(FAILURES_TO_OPEN);
    }
    const openedAfterMs = Date.now() - stoppedAt;
    expect(dependency.state()).toMatchObject({
      status: 'down',
      consecutiveFailures: FAILURES_TO_OPEN,
    });

    // Open: calls fail fast, without reaching Prometheus' port.
    const fastStarted = Date.now();
    const failure = await client
      .queryVector('vector(1)', Date.now())
      .catch(error => error);
    const failFastMs = Date.now() - fastStarted;
    expect(failure).toBeInstanceOf(PrometheusUnavailableError);
    expect(failure.cause).toBeInstanceOf(DependencyUnavailableError);
    expect(failure.cause.reason).toBe('circuit-open');
    expect(failFastMs).toBeLessThan(100);
    for (let i = 0; i < 5; i++) {
      expect(await evaluator.evaluate()).toMatchObject({
        outcome: 'unavailable',
        error: expect.stringContaining('circuit open'),
      });
    }
    // One line for the whole outage, however many calls failed.
    expect(outageLines().warn).toHaveLength(1);
    expect(outageLines().info).toHaveLength(0);

    // Every replica reads the outage; the figures are kept, marked stale.
    const during = await service.getEvaluationStatus();
    expect(during).toMatchObject({
      prometheus: 'unreachable',
      unreachableSince: new Date(firstFailedCycleAt!).toISOString(),
      lastSuccessAt: before.evaluatedAt,
    });
    expect(during.lastError).toBeTruthy();
    const kept = await availability();
    expect(kept).toMatchObject({
      stale: true,
      evaluatedAt: before.evaluatedAt,
      budgetRemaining: before.budgetRemaining,
      sli: before.sli,
      status: before.status,
    });

    // Up again on the same port and data: after halfOpenAfter one probe
    // goes through, succeeds and closes the breaker.
    await startPrometheus();
    const restartedAt = Date.now();
    await sleep(HALF_OPEN_AFTER_MS + 200);
    let recovered = false;
    const recoveryDeadline = Date.now() + 30_000;
    while (!recovered) {
      recovered = (await evaluator.evaluate()).outcome === 'evaluated';
      if (!recovered) {
        if (Date.now() > recoveryDeadline) throw new Error('no recovery');
        await sleep(500);
      }
    }
    const closedAfterMs = Date.now() - restartedAt;
    expect(dependency.state()).toMatchObject({
      status: 'up',
      breaker: 'closed',
      consecutiveFailures: 0,
    });
    expect(outageLines().warn).toHaveLength(1);
    expect(outageLines().info).toHaveLength(1);
    expect(outageLines().info[0][0]).toMatch(/reachable again/);

    expect(await service.getEvaluationStatus()).toMatchObject({
      prometheus: 'reachable',
      unreachableSince: null,
      lastError: null,
    });
    const after = await availability();
    expect(after.stale).toBe(false);
    expect(Date.parse(after.evaluatedAt!)).toBeGreaterThan(
      Date.parse(before.evaluatedAt!),
    );
    expect(after.budgetRemaining).not.toBeNull();

    // The figures for the report.
    // eslint-disable-next-line no-console
    console.log(
      `Prometheus outage: breaker open ${openedAfterMs} ms after the stop (${cycles} cycles), fail-fast call ${failFastMs} ms, closed ${closedAfterMs} ms after the restart; warn lines ${
        outageLines().warn.length
      }, info lines ${outageLines().info.length}`,
    );
  }, 180_000);
});
