// The backend under test: its config, its start (with the webhook token and
// the OpenTelemetry exporter on their own ports), its CPU use and its own
// count of webhook actions.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBackend, waitForBackend } from '../lib/backend.mjs';
import {
  processGroupCpuSeconds,
  processGroupPeakRssMb,
  root,
  waitFor,
} from '../lib/process.mjs';
import { fail } from './options.mjs';

/** Writes the benchmark's app config into the work directory; returns its path. */
export function writeConfig(cfg) {
  const collatorSchedule = {
    scope: 'local',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { hours: 24 },
  };
  const config = {
    backend: {
      baseUrl: `http://localhost:${cfg.ports.backend}`,
      listen: { port: cfg.ports.backend },
      database: cfg.postgres
        ? { client: 'pg', prefix: cfg.pgPrefix, connection: { ...cfg.pg } }
        : {
            client: 'better-sqlite3',
            connection: { directory: path.join(cfg.work, 'sqlite') },
          },
    },
    vigil: {
      incidents: {
        alertmanager: {
          webhookToken: cfg.webhookToken,
          fallbackEntityRef: cfg.fallbackEntity,
          // Exercises the incident status path too: resolve when every
          // alert of the group is resolved, reopen on a refire.
          resolveIncidentWhenAllResolved: true,
          reopenOnRefire: true,
        },
      },
    },
  };
  // The development config reindexes incidents for search every 15 s; with
  // 100,000 incidents that would run during the measurements. Measure the
  // API alone unless asked.
  if (!cfg.keepCollator) {
    config.search = {
      collators: { incidents: { schedule: collatorSchedule } },
    };
  }
  const file = path.join(cfg.work, 'app-config.benchmark.yaml');
  // JSON is YAML.
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

let backendGroup;
let stopping = false;

/** From now on the backend's exit is expected (the benchmark is ending). */
export const markStopping = () => {
  stopping = true;
};

/**
 * CPU seconds used so far by the backend's process group (the backend is the
 * node process under yarn and backstage-cli), or undefined.
 */
export const backendCpuSeconds = () => processGroupCpuSeconds(backendGroup);

/** The backend's peak resident set so far, in MiB, or undefined. */
export const backendPeakRssMb = () => processGroupPeakRssMb(backendGroup);

/**
 * Starts the backend and waits for it, a guest token and the fallback entity
 * in the catalog; fails if the backend exits early. Returns the API headers
 * and the start time in ms.
 */
export async function startIncidentsBackend(cfg, configFile) {
  const started = performance.now();
  const { work } = cfg;
  const child = startBackend(work, {
    configFile,
    requires: ['./src/instrumentation.js'],
    env: {
      VIGIL_BACKEND_METRICS_PORT: String(cfg.ports.metrics),
      VIGIL_ALERTMANAGER_WEBHOOK_TOKEN: cfg.webhookToken,
    },
  });
  backendGroup = child.pid;
  child.on('exit', code => {
    if (!stopping)
      fail(
        `the backend exited early (code ${code}); see ${path.relative(
          root,
          work,
        )}/backend.log`,
      );
  });
  const headers = await waitForIncidentsApi(cfg);
  return { headers, startMs: Math.round(performance.now() - started) };
}

/**
 * Waits for the backend to be ready, a guest token and the fallback entity
 * in the catalog; returns the API headers. `options.fail` reports a timeout
 * (default: this benchmark's).
 */
export async function waitForIncidentsApi(
  cfg,
  { readyTimeoutMs = 300_000, fail: failWith = fail } = {},
) {
  const { work, base } = cfg;
  const { headers } = await waitForBackend(base, {
    readyTimeoutMs,
    fail: failWith,
    work,
  });
  // Incidents are as visible as their entities: wait for the catalog to hold the fallback entity.
  await waitFor(
    `${cfg.fallbackEntity} in the catalog`,
    async () =>
      (
        await fetch(
          `${base}/api/catalog/entities/by-name/component/default/scoring-api`,
          { headers },
        )
      ).ok,
    120_000,
    { fail: failWith, work },
  );
  return headers;
}

/** The backend's count of webhook notifications by action (its Prometheus counter), or undefined. */
export async function scrapeServerCounters(cfg) {
  try {
    const text = await (
      await fetch(`http://127.0.0.1:${cfg.ports.metrics}/metrics`)
    ).text();
    const counts = {};
    for (const m of text.matchAll(
      /^vigil_incidents_alertmanager_notifications(?:_total)?\{action="(\w+)"[^}]*\} (\d+)/gm,
    )) {
      counts[m[1]] = Number(m[2]);
    }
    return counts;
  } catch {
    return undefined;
  }
}
