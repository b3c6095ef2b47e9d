// The Backstage floor for comparison: what a route that does no work costs
// through Backstage's own stack (root HTTP router, request logging, the
// plugin's auth middleware, a user token's verification, and optionally the
// OpenAPI validator), measured with the same autocannon settings as the API
// it is compared with. Between the bare Node ceiling and a Vigil route, it
// says how much of a figure is the framework and how much is Vigil's.
import fs from 'node:fs';
import path from 'node:path';
import { waitForBackend } from './backend.mjs';
import { runAutocannon } from './load.mjs';
import { freshDir, root, startLogged, stopChild } from './process.mjs';
import { percentiles } from './stats.mjs';

const ROUTES = {
  open: 'no credentials',
  auth: 'user credentials',
  openapi: 'user credentials + OpenAPI validation',
};

/**
 * Req/s and latency percentiles per floor route at `connections` for
 * `duration` s. With `instrumentation`, the backend preloads
 * packages/backend/src/instrumentation.js as Vigil's backend does. `port` is
 * the floor backend's; `fail(message)` ends the benchmark.
 */
export async function measureBackstageFloor({
  connections,
  duration,
  port,
  metricsPort,
  instrumentation = true,
  work = freshDir(path.join(root, '.data', 'backstage-floor')),
  fail = message => {
    throw new Error(message);
  },
}) {
  const base = `http://localhost:${port}`;
  const configFile = path.join(work, 'app-config.floor.yaml');
  // JSON is YAML.
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      auth: { environment: 'development', providers: { guest: {} } },
    }),
  );
  const preload = instrumentation
    ? ['--require', path.join(root, 'packages/backend/src/instrumentation.js')]
    : [];
  const child = startLogged(
    work,
    'floor-backend',
    process.execPath,
    [
      ...preload,
      path.join(root, 'loadtest/lib/backstage-floor-backend.cjs'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        VIGIL_BACKEND_METRICS_PORT: String(metricsPort),
      },
    },
  );
  try {
    const { headers } = await waitForBackend(base, {
      readyTimeoutMs: 120_000,
      fail,
      work,
    });
    const figures = {
      connections,
      durationSeconds: duration,
      instrumentation,
      routes: [],
    };
    for (const [route, what] of Object.entries(ROUTES)) {
      const url = `${base}/api/floor/${route}${
        route === 'openapi' ? '?limit=20' : ''
      }`;
      const check = await fetch(url, { headers });
      if (!check.ok) fail(`floor route ${route} answered ${check.status}`);
      const { result, latencies } = await runAutocannon({
        url,
        headers,
        connections,
        duration,
      });
      const { p50, p95, p99 } = percentiles(latencies);
      figures.routes.push({
        route: `/api/floor/${route}`,
        what,
        rps: Math.round(result.requests.average),
        latencyMs: { p50, p95, p99 },
        non2xx: result.non2xx,
      });
    }
    return figures;
  } finally {
    await stopChild(child);
  }
}

/** The floor's figures as text lines, a route per line. */
export function formatFloor(floor) {
  return floor.routes.map(
    ({ what, rps, latencyMs: { p50, p95, p99 } }) =>
      `${what}: ${rps} req/s, p50/p95/p99 ${p50}/${p95}/${p99} ms`,
  );
}
