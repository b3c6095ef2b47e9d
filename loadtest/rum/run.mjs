// The RUM benchmark's run: a backend on its own ports (SQLite or
// PostgreSQL), the SDK-shaped payloads posted by autocannon as browsers
// would (no token, the app's origin), then the figures and a look at the
// Prometheus exposition to see the histograms filled.
import fs from 'node:fs';
import path from 'node:path';
import { startBackend, waitForBackend } from '../lib/backend.mjs';
import { runAutocannon } from '../lib/load.mjs';
import {
  processGroupCpuSeconds,
  processGroupPeakRssMb,
  root,
  stopChild,
} from '../lib/process.mjs';
import { log, printJson, writeJson } from '../lib/report.mjs';
import { percentiles, perSecond } from '../lib/stats.mjs';
import { makePayloads } from './payloads.mjs';

const LOGS_DATABASE = 'h4_rumbench_logs';

/** Drops the databases this benchmark created on PostgreSQL. */
async function dropDatabases(cfg) {
  const { default: knexFactory } = await import('knex');
  const admin = knexFactory({
    client: 'pg',
    connection: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    },
  });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname = ? or datname like ?',
      [LOGS_DATABASE, `${cfg.pgPrefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

function writeConfig(cfg) {
  const origin = 'http://localhost:3000';
  const config = {
    app: { baseUrl: origin },
    backend: {
      baseUrl: `http://localhost:${cfg.ports.backend}`,
      listen: { port: cfg.ports.backend },
      database: cfg.postgres
        ? {
            client: 'pg',
            prefix: cfg.pgPrefix,
            connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
          }
        : {
            client: 'better-sqlite3',
            connection: { directory: path.join(cfg.work, 'sqlite') },
          },
      // The logs store needs PostgreSQL whatever the main database is
      // (app-config.yaml): a database of this benchmark, dropped after.
      plugin: {
        logs: {
          client: 'pg',
          connection: {
            host: '127.0.0.1',
            port: 5432,
            user: 'postgres',
            database: LOGS_DATABASE,
          },
        },
      },
    },
    // The collector's own per-client limit would cap one load generator:
    // lifted to measure the collector's work.
    rum: {
      collector: { rateLimit: { perMinute: 1e9, burst: 1e9 } },
    },
  };
  const file = path.join(cfg.work, 'app-config.benchmark.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function metricsSummary(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sample = name =>
    text
      .split('\n')
      .filter(line => line.startsWith(name))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  return {
    lcpSamples: sample('vigil_rum_web_vitals_lcp_seconds_count'),
    routeLabels: new Set(
      text
        .split('\n')
        .filter(l => l.startsWith('vigil_rum_web_vitals_lcp_seconds_count'))
        .map(l => /route="([^"]*)"/.exec(l)?.[1]),
    ).size,
    pageLoads: sample('vigil_rum_page_loads_total'),
    exceptions: sample('vigil_rum_exceptions_total'),
    sessions: sample('vigil_rum_sessions_total'),
  };
}

export async function run(cfg) {
  const configFile = writeConfig(cfg);
  log(
    `starting the backend on ${cfg.ports.backend} (${
      cfg.postgres ? 'PostgreSQL' : 'SQLite'
    })`,
  );
  const child = startBackend(cfg.work, {
    configFile,
    requires: ['./src/instrumentation.js'],
    env: { VIGIL_BACKEND_METRICS_PORT: String(cfg.ports.metrics) },
  });
  try {
    await waitForBackend(cfg.base, {
      readyTimeoutMs: 300_000,
      fail: message => {
        throw new Error(message);
      },
      work: cfg.work,
    });
    const { bodies, measurements, exceptions } = makePayloads({
      count: cfg.payloads,
      sessions: cfg.sessions,
      seed: cfg.seed,
    });
    const perPayload = measurements / bodies.length;
    let next = 0;
    const request = {
      method: 'POST',
      path: '/api/rum/collect',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
      },
      setupRequest: req => ({ ...req, body: bodies[next++ % bodies.length] }),
    };
    log(`warm-up ${cfg.warmup} s`);
    await runAutocannon({
      url: cfg.base,
      connections: cfg.connections,
      duration: cfg.warmup,
      requests: [request],
    });
    const cpuBefore = processGroupCpuSeconds(child.pid);
    log(`measuring ${cfg.duration} s at ${cfg.connections} connections`);
    const { result, latencies } = await runAutocannon({
      url: cfg.base,
      connections: cfg.connections,
      duration: cfg.duration,
      requests: [request],
    });
    const cpuAfter = processGroupCpuSeconds(child.pid);
    const wallMs = cfg.duration * 1000;
    const accepted = result['2xx'];
    const figures = {
      database: cfg.postgres ? 'PostgreSQL 15' : 'SQLite',
      connections: cfg.connections,
      durationSeconds: cfg.duration,
      payloadsAccepted: accepted,
      non2xx: result.non2xx,
      errors: result.errors,
      payloadsPerSecond: perSecond(accepted, wallMs),
      measurementsPerSecond: perSecond(accepted * perPayload, wallMs),
      exceptionsInPayloads: `${((exceptions / bodies.length) * 100).toFixed(
        0,
      )}%`,
      meanBodyBytes: Math.round(
        bodies.reduce((s, b) => s + b.length, 0) / bodies.length,
      ),
      latencyMs: percentiles(latencies.sort((a, b) => a - b)),
      backendCpuSeconds:
        cpuBefore !== undefined && cpuAfter !== undefined
          ? Number((cpuAfter - cpuBefore).toFixed(1))
          : undefined,
      backendPeakRssMb: processGroupPeakRssMb(child.pid),
      prometheus: await metricsSummary(cfg.ports.metrics),
    };
    printJson(figures);
    writeJson(path.join(cfg.work, 'figures.json'), figures);
    log(`figures in ${path.relative(root, cfg.work)}/figures.json`);
  } finally {
    await stopChild(child);
    await dropDatabases(cfg);
  }
}
