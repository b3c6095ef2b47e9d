// Prometheus data lives in a fresh temporary directory the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
/**
 * A real Prometheus (/usr/bin/prometheus) scraping exporters of known
 * figures every second, on this plugin's test ports (17100-17199).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Requests per second of the `shop` exporter, and their shape. */
export const SHOP = {
  requestsPerSecond: 100,
  errorRatio: 0.02,
  // Share of requests at or under each bucket's bound (cumulative).
  buckets: [
    { le: '0.1', share: 0.9 },
    { le: '0.5', share: 0.99 },
    { le: '1', share: 1 },
    { le: '+Inf', share: 1 },
  ],
  cacheHitRatio: 0.8,
  featureStoreBuckets: [
    { le: '0.005', share: 0.9 },
    { le: '0.01', share: 0.99 },
    { le: '0.025', share: 1 },
    { le: '+Inf', share: 1 },
  ],
  residentMemoryBytes: 123_456_789,
  eventLoopLagSeconds: 0.012,
  openHandles: 7,
  cpuCoresBusy: 0.25,
};

/** Seconds of history each exporter has, backfilled before Prometheus starts. */
export const HISTORY_SECONDS = 20 * 60;
// As often as Prometheus scrapes: samples at an even interval, so rate()
// extrapolates at the window's edges as it does for live data.
const HISTORY_STEP_SECONDS = 1;

/** A prom-client service's exposition: its series at `seconds` after its start. */
function samplesAt(seconds: number, withProcess: boolean): string[] {
  const lines: string[] = [];
  for (const [status, share] of [
    ['200', 1 - SHOP.errorRatio],
    ['500', SHOP.errorRatio],
  ] as const) {
    const total = seconds * SHOP.requestsPerSecond * share;
    const labels = `route="/v1/score",method="POST",status="${status}"`;
    for (const bucket of SHOP.buckets) {
      lines.push(
        `http_request_duration_seconds_bucket{${labels},le="${bucket.le}"} ${
          total * bucket.share
        }`,
      );
    }
    lines.push(`http_request_duration_seconds_count{${labels}} ${total}`);
  }
  lines.push(
    `scoring_feature_cache_requests_total{result="hit"} ${
      seconds * 50 * SHOP.cacheHitRatio
    }`,
    `scoring_feature_cache_requests_total{result="miss"} ${
      seconds * 50 * (1 - SHOP.cacheHitRatio)
    }`,
  );
  for (const bucket of SHOP.featureStoreBuckets) {
    lines.push(
      `scoring_feature_store_duration_seconds_bucket{operation="get",le="${
        bucket.le
      }"} ${seconds * 50 * bucket.share}`,
    );
  }
  if (withProcess) {
    lines.push(
      `process_cpu_seconds_total ${seconds * SHOP.cpuCoresBusy}`,
      `process_resident_memory_bytes ${SHOP.residentMemoryBytes}`,
      `nodejs_eventloop_lag_p99_seconds ${SHOP.eventLoopLagSeconds}`,
      `nodejs_active_handles_total ${SHOP.openHandles}`,
    );
  }
  return lines;
}

/** An exporter and the history Prometheus gets of it before it starts. */
export interface TestExporter {
  server: http.Server;
  /** Its series at an instant (epoch seconds), as the exporter served them. */
  samplesAt(epochSeconds: number): string[];
  /** When its counters started (epoch seconds). */
  startedAt: number;
}

/**
 * Exporter of a prom-client service whose counters grow with the clock
 * from HISTORY_SECONDS ago. `withProcess: false` leaves out the process
 * and Node.js metrics (a service whose saturation panels have no data).
 */
export function startExporter(options: {
  withProcess: boolean;
}): Promise<TestExporter> {
  const startedAt = Math.floor(Date.now() / 1000) - HISTORY_SECONDS;
  const at = (epochSeconds: number) =>
    samplesAt(epochSeconds - startedAt, options.withProcess);
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`${at(Date.now() / 1000).join('\n')}\n`);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, samplesAt: at, startedAt }),
    ),
  );
}

/**
 * The exporters' history as OpenMetrics for `promtool tsdb
 * create-blocks-from`: every HISTORY_STEP_SECONDS up to a few seconds ago,
 * labelled as the scrape labels them, so a rate over the last minutes has
 * whole windows (a live scrape alone would need minutes of waiting).
 */
function historyOpenMetrics(jobs: Record<string, TestExporter>): string {
  const nowSeconds = Math.floor(Date.now() / 1000) - 2;
  const byName = new Map<string, string[]>();
  for (const [job, exporter] of Object.entries(jobs)) {
    const instance = `127.0.0.1:${
      (exporter.server.address() as net.AddressInfo).port
    }`;
    const target = `job="${job}",instance="${instance}"`;
    for (
      let t = exporter.startedAt + HISTORY_STEP_SECONDS;
      t <= nowSeconds;
      t += HISTORY_STEP_SECONDS
    ) {
      for (const line of exporter.samplesAt(t)) {
        // `name{labels} value` or `name value`, as samplesAt writes them.
        const space = line.lastIndexOf(' ');
        const value = line.slice(space + 1);
        const series = line.slice(0, space);
        const brace = series.indexOf('{');
        const name = brace < 0 ? series : series.slice(0, brace);
        const labels = brace < 0 ? '' : series.slice(brace + 1, -1);
        const all = labels ? `${target},${labels}` : target;
        byName.set(name, [
          ...(byName.get(name) ?? []),
          `${name}{${all}} ${value} ${t}`,
        ]);
      }
    }
  }
  // Families of type unknown: PromQL needs no metadata.
  const out: string[] = [];
  for (const [name, samples] of byName) {
    out.push(`# TYPE ${name} unknown`, ...samples);
  }
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}

/** A free port of this plugin's range (17100-17199). */
export async function freePort(): Promise<number> {
  for (
    let port = 17100 + Math.floor(Math.random() * 50);
    port < 17200;
    port++
  ) {
    const free = await new Promise<boolean>(resolve => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('No free port in 17100-17199');
}

export interface TestPrometheus {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts Prometheus scraping each job's exporter every second. */
export async function startPrometheus(
  jobs: Record<string, TestExporter>,
): Promise<TestPrometheus> {
  // CI installs Prometheus (.ci/run); without it this test fails, never skips.
  if (!fs.existsSync(PROMETHEUS)) {
    throw new Error(`${PROMETHEUS} is needed: apt-get install prometheus`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-health-'));
  const config = path.join(workDir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      global: { scrape_interval: '1s' },
      scrape_configs: Object.entries(jobs).map(([job, { server }]) => ({
        job_name: job,
        static_configs: [
          {
            targets: [
              `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
            ],
          },
        ],
      })),
    }),
  );
  const history = path.join(workDir, 'history.om');
  fs.writeFileSync(history, historyOpenMetrics(jobs));
  execFileSync(PROMTOOL, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    history,
    path.join(workDir, 'data'),
  ]);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(workDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('Prometheus did not start');
    }
    await sleep(200);
  }
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Waits until Prometheus has `seconds` of every job's samples. */
export async function waitForSamples(
  baseUrl: string,
  jobs: string[],
  seconds: number,
): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const query = `min(count_over_time(up{job=~"${jobs.join('|')}"}[5m]))`;
    const response = await fetch(
      `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
    );
    const body = (await response.json()) as {
      data?: { result?: Array<{ value: [number, string] }> };
    };
    const samples = Number(body.data?.result?.[0]?.value[1] ?? 0);
    if (samples >= seconds) return;
    if (Date.now() > deadline) throw new Error('Prometheus scraped too little');
    await sleep(1_000);
  }
}
