// Alertmanager webhook throughput through HAProxy (ops/haproxy/portal.cfg)
// with one and with two backend replicas on one PostgreSQL (README, Two
// replicas). For each replica count: fresh databases, the replicas started
// (scripts/lib/replicas.mjs), a burst of notifications replayed through
// HAProxy like Alertmanager posts them, and every group verified through
// the API (one incident each, every alert once). Prints figures; never
// passes or fails on them.
//   node loadtest/replicas-benchmark.mjs [--replicas 1,2] [--groups 300]
//     [--per-group 10] [--concurrency 32] [--port-base 7320]
// Figures JSON in .data/replicas-benchmark/figures.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildGroups } from './incidents/scenarios.mjs';
import { verify } from './incidents/verify.mjs';
import { replay } from './incidents/webhook-replay.mjs';
import { failer } from './lib/cli.mjs';
import {
  freshDir,
  processGroupCpuSeconds,
  root,
  sleep,
  startLogged,
  stopChild,
  stopChildrenOnExit,
  waitFor,
  workDir,
} from './lib/process.mjs';
import { log, table, writeJson } from './lib/report.mjs';
import { percentiles, perSecond, seconds } from './lib/stats.mjs';
import {
  backendCommand,
  haproxyAdmin,
  haproxyEnv,
  replicaLayout,
} from '../scripts/lib/replicas.mjs';

const fail = failer('replicas-benchmark');
const { values: opts } = parseArgs({
  options: {
    replicas: { type: 'string', default: '1,2' },
    groups: { type: 'string', default: '300' },
    'per-group': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    'port-base': { type: 'string', default: '7320' },
    seed: { type: 'string', default: '15' },
  },
});
const counts = opts.replicas.split(',').map(Number);
const groups = Number(opts.groups);
const perGroup = Number(opts['per-group']);
const concurrency = Number(opts.concurrency);
const portBase = Number(opts['port-base']);
const seed = Number(opts.seed);
for (const [name, v] of Object.entries({
  groups,
  perGroup,
  concurrency,
  portBase,
  seed,
})) {
  if (!Number.isInteger(v) || v < 1)
    fail(`--${name} must be a positive integer`);
}

const work = freshDir(workDir('replicas-benchmark'));
const prefix = 'vigil_replicas_bench_';
const token = 'replicas-benchmark-token';
const webhookToken = 'replicas-benchmark-webhook-token';
const pg = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: process.env.POSTGRES_PORT ?? '5432',
  user: process.env.POSTGRES_USER ?? 'postgres',
};

function psql(sql) {
  const r = spawnSync(
    'psql',
    [
      '-h',
      pg.host,
      '-p',
      pg.port,
      '-U',
      pg.user,
      '-d',
      'postgres',
      '-tAc',
      sql,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) fail(`psql: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

function dropDatabases() {
  for (const db of psql(
    `select datname from pg_database where datname like '${prefix}%'`,
  )
    .split('\n')
    .filter(Boolean)) {
    psql(`drop database "${db}" with (force)`);
  }
}

/** The benchmark's config overlay: PostgreSQL prefix, a service token, quiet schedules. */
function writeOverlay() {
  const later = {
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { hours: 24 },
  };
  const file = path.join(work, 'app-config.replicas-benchmark.yaml');
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        database: { prefix },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token, subject: 'replicas-benchmark' },
            },
          ],
        },
      },
      // Measure the webhook, not the indexers.
      search: {
        collators: {
          catalog: { schedule: later },
          incidents: { schedule: later },
          techdocs: { schedule: later },
        },
      },
    }),
  );
  return file;
}

const ok = async url =>
  (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;

async function runWith(count, overlay) {
  dropDatabases();
  const layout = replicaLayout({
    count,
    ports: {
      front: portBase,
      firstReplica: portBase + 1,
      firstMetrics: portBase + 3,
      stats: portBase + 5,
    },
  });
  const env = {
    ...process.env,
    VIGIL_BASE_URL: layout.front.replace('127.0.0.1', 'localhost'),
    BACKEND_SECRET: 'replicas-benchmark-secret',
    POSTGRES_HOST: pg.host,
    POSTGRES_PORT: pg.port,
    POSTGRES_USER: pg.user,
    POSTGRES_PASSWORD: process.env.POSTGRES_PASSWORD ?? 'unused',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    VIGIL_TECHDOCS_DIR: path.join(work, 'techdocs'),
    VIGIL_PROMETHEUS_URL: 'http://127.0.0.1:9',
    VIGIL_ALERTMANAGER_URL: 'http://127.0.0.1:9',
    VIGIL_TRUSTED_PROXIES: 'loopback',
    VIGIL_AUTH_SESSION_SECRET: 'replicas-benchmark-session-secret',
    VIGIL_OIDC_CLIENT_ID: 'vigil-portal',
    VIGIL_OIDC_CLIENT_SECRET: 'unused',
    // Not reached: nobody signs in during the benchmark.
    VIGIL_OIDC_METADATA_URL:
      'http://127.0.0.1:9/.well-known/openid-configuration',
    VIGIL_ALERTMANAGER_WEBHOOK_TOKEN: webhookToken,
  };
  const backend = backendCommand(root);
  const configArgs = [
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../app-config.production.yaml',
    // Loopback is exempt from the rate limits: measure the backend.
    '--config',
    '../../loadtest/lib/app-config.loadtest.yaml',
    '--config',
    overlay,
  ];
  // One after the other: two replicas migrating fresh databases at once
  // collide on knex's migration lock (README, Two replicas).
  const started = Date.now();
  const children = [];
  for (const replica of layout.replicas) {
    children.push(
      startLogged(
        work,
        `backend-${count}-${replica.name}`,
        backend.command,
        [...backend.args, ...configArgs],
        {
          cwd: backend.cwd,
          env: {
            ...env,
            ...backend.env,
            APP_CONFIG_backend_listen: `:${replica.port}`,
            VIGIL_BACKEND_METRICS_PORT: String(replica.metricsPort),
          },
        },
      ),
    );
    await waitFor(
      `replica ${replica.name}`,
      () => ok(`${replica.url}/.backstage/health/v1/readiness`),
      240_000,
      { fail, work },
    );
  }
  const socket = path.join(work, 'portal.sock');
  const proxy = startLogged(
    work,
    `haproxy-${count}`,
    'haproxy',
    ['-db', '-f', 'ops/haproxy/portal.cfg'],
    {
      cwd: root,
      env: { ...process.env, ...haproxyEnv(layout, socket) },
    },
  );
  await waitFor('HAProxy', () => ok(`${layout.stats}/healthz`), 30_000, {
    fail,
    work,
  });
  if (count < 2)
    await haproxyAdmin(socket, 'set server replicas/b state maint');
  await waitFor(
    'HAProxy front',
    () => ok(`${layout.front}/.backstage/health/v1/readiness`),
    30_000,
    { fail, work },
  );
  log(`${count} replica(s) ready in ${seconds(Date.now() - started)} s`);
  // Let start-up work (catalog ingestion, migrations' aftermath) settle.
  await sleep(10_000);

  const groupsList = buildGroups(seed, perGroup, Date.now(), 0, groups);
  const total = groupsList.reduce((s, g) => s + g.notifications.length, 0);
  const cpu = () =>
    children.reduce((s, c) => s + (processGroupCpuSeconds(c.pid) ?? 0), 0);
  const cpuBefore = cpu();
  log(
    `replaying ${total} notifications of ${groups} groups through HAProxy, ${concurrency} in flight`,
  );
  const { stats, wallMs } = await replay(
    { base: layout.front, webhookToken, seed },
    groupsList,
    concurrency,
  );
  const cpuSeconds = cpu() - cpuBefore;
  const result = await verify(
    { base: layout.front, concurrency: 8 },
    groupsList,
    {
      authorization: `Bearer ${token}`,
    },
  );
  for (const child of [...children, proxy]) await stopChild(child);
  return {
    replicas: count,
    notifications: total,
    wallSeconds: seconds(wallMs),
    perSecond: perSecond(total, wallMs),
    latencyMs: percentiles(stats.latencies),
    retries: stats.retries,
    failed: stats.failed,
    non2xx: stats.non2xx,
    backendCpuSeconds: Number(cpuSeconds.toFixed(1)),
    verify: {
      ...result.counts,
      incidents: result.listed,
      events: result.expectedEvents,
    },
  };
}

stopChildrenOnExit();
const overlay = writeOverlay();
const figures = {
  machine: { cpus: (await import('node:os')).cpus().length },
  groups,
  perGroup,
  concurrency,
  runs: [],
};
try {
  for (const count of counts) figures.runs.push(await runWith(count, overlay));
} finally {
  dropDatabases();
}
writeJson(path.join(work, 'figures.json'), figures);
console.log(
  table(
    figures.runs.map(r => ({
      replicas: r.replicas,
      notifications: r.notifications,
      seconds: r.wallSeconds,
      perSecond: r.perSecond,
      p50: r.latencyMs.p50,
      p95: r.latencyMs.p95,
      p99: r.latencyMs.p99,
      cpu: r.backendCpuSeconds,
      lost: r.verify.lost,
      doubled: r.verify.duplicated,
    })),
    [
      ['replicas', 'replicas'],
      ['notifications', 'notifications'],
      ['seconds', 's'],
      ['perSecond', '/s'],
      ['p50', 'p50 ms'],
      ['p95', 'p95 ms'],
      ['p99', 'p99 ms'],
      ['cpu', 'backend CPU s'],
      ['lost', 'lost'],
      ['doubled', 'doubled'],
    ],
  ),
);
console.log(`figures: ${path.relative(root, path.join(work, 'figures.json'))}`);
