// The backend under test: its config (the seeded database, the demo seed
// file replaced by an empty one), its start on the benchmark's ports, its
// CPU use and peak memory.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBackend, waitForBackend } from '../lib/backend.mjs';
import {
  processGroupCpuSeconds,
  processGroupPeakRssMb,
  root,
  stopChild,
} from '../lib/process.mjs';
import { fail } from './options.mjs';

/** Writes the benchmark's app config (JSON is YAML); returns its path. */
function writeConfig(cfg) {
  // The portal's config seeds the demo organisation's schedules; only the
  // benchmark's are measured.
  const seedFile = path.join(cfg.work, 'oncall-seed.empty.yaml');
  fs.writeFileSync(seedFile, JSON.stringify({ schedules: [], policies: [] }));
  const database = cfg.postgres
    ? { client: 'pg', prefix: cfg.pgPrefix, connection: { ...cfg.pg } }
    : {
        client: 'better-sqlite3',
        connection: { directory: cfg.sqliteDirectory },
      };
  const file = path.join(cfg.work, 'app-config.benchmark.yaml');
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        backend: {
          baseUrl: `http://localhost:${cfg.ports.backend}`,
          listen: { port: cfg.ports.backend },
          database,
        },
        vigil: { oncall: { seedFile } },
      },
      null,
      2,
    ),
  );
  return file;
}

/**
 * Starts the backend on the seeded database and waits for it and a guest
 * token; fails if it exits before `stop()`. Returns the API headers, the
 * start time in ms, and readings of its process group: CPU seconds so far
 * and peak resident set in MiB (each undefined when unknown).
 */
export async function startOnCallBackend(cfg) {
  const started = performance.now();
  const child = startBackend(cfg.work, {
    configFile: writeConfig(cfg),
    requires: ['./src/instrumentation.js'],
    env: { VIGIL_BACKEND_METRICS_PORT: String(cfg.ports.metrics) },
  });
  let stopping = false;
  const logFile = path.relative(root, path.join(cfg.work, 'backend.log'));
  child.on('exit', code => {
    if (!stopping) fail(`the backend exited (code ${code}); see ${logFile}`);
  });
  const { headers } = await waitForBackend(cfg.base, {
    readyTimeoutMs: 300_000,
    fail,
    work: cfg.work,
  });
  return {
    headers,
    startMs: Math.round(performance.now() - started),
    cpuSeconds: () => processGroupCpuSeconds(child.pid),
    peakRssMb: () => processGroupPeakRssMb(child.pid),
    stop: async () => {
      stopping = true;
      await stopChild(child);
    },
  };
}
