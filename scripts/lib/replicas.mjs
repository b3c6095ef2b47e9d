// Two (or more) backend replicas on one PostgreSQL behind HAProxy
// (ops/haproxy/portal.cfg): the service definitions `./vigil start
// --replicas N` hands to the supervisor, and what the two-replica test
// (scripts/smoke-production.sh, scripts/replicas-test.mjs) and
// loadtest/replicas-benchmark.mjs share. README, Two replicas.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { backendCommand } from './services.mjs';

// The backend's own node process (not yarn → backstage-cli → node), so a
// signal or a crash reaches the real process.
export { backendCommand };

/** portal.cfg's server names, in order: replica i is REPLICA_NAMES[i]. */
export const REPLICA_NAMES = ['a', 'b'];

/** The ports of `./vigil start --replicas N`; the tests pass their own. */
export const DEFAULT_PORTS = {
  // HAProxy: where browsers and Alertmanager connect, as without replicas.
  front: 7007,
  // The replicas' HTTP ports: a on 7101, b on 7102.
  firstReplica: 7101,
  // Their OpenTelemetry metrics: a on 9464 (Prometheus's static target, as
  // without replicas), b on 9465 (a file_sd target; prometheusTargets()).
  firstMetrics: 9464,
  // HAProxy's stats page and exporter (8404 is the scoring API's HAProxy).
  stats: 8405,
};

/**
 * Where everything listens for `count` replicas.
 * @returns {{ front: string, stats: string, replicas: Array<{name: string, port: number, metricsPort: number, url: string, metricsUrl: string}> }}
 */
export function replicaLayout({ count = 2, ports = {} } = {}) {
  const p = { ...DEFAULT_PORTS, ...ports };
  if (!Number.isInteger(count) || count < 1 || count > REPLICA_NAMES.length) {
    throw new Error(
      `--replicas takes 1 to ${REPLICA_NAMES.length} (ops/haproxy/portal.cfg has ${REPLICA_NAMES.length} servers; add lines there for more)`,
    );
  }
  return {
    front: `http://127.0.0.1:${p.front}`,
    frontPort: p.front,
    stats: `http://127.0.0.1:${p.stats}`,
    statsPort: p.stats,
    replicas: REPLICA_NAMES.slice(0, count).map((name, i) => ({
      name,
      port: p.firstReplica + i,
      metricsPort: p.firstMetrics + i,
      url: `http://127.0.0.1:${p.firstReplica + i}`,
      metricsUrl: `http://127.0.0.1:${p.firstMetrics + i}/metrics`,
    })),
  };
}

/** The environment HAProxy reads portal.cfg's addresses from. */
export function haproxyEnv(layout, adminSocket) {
  const env = {
    VIGIL_PORTAL_BIND: `127.0.0.1:${layout.frontPort}`,
    VIGIL_PORTAL_STATS: `127.0.0.1:${layout.statsPort}`,
    VIGIL_PORTAL_ADMIN_SOCKET: adminSocket,
  };
  for (const name of REPLICA_NAMES) {
    const replica = layout.replicas.find(r => r.name === name);
    // portal.cfg names every server; one with no replica points at a port
    // nobody listens on and is put in maintenance after start (afterReady).
    env[`VIGIL_REPLICA_${name.toUpperCase()}`] = replica
      ? `127.0.0.1:${replica.port}`
      : '127.0.0.1:1';
  }
  return env;
}

/**
 * Sends one command to HAProxy's runtime API (portal.cfg's admin socket,
 * e.g. `set server replicas/b state maint`); resolves with its answer.
 */
export function haproxyAdmin(socket, command) {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(socket, () => conn.end(`${command}\n`));
    let out = '';
    conn.on('data', d => {
      out += d;
    });
    conn.on('end', () => resolve(out));
    conn.on('error', reject);
  });
}

/**
 * The supervisor's service definitions: one backend per replica, then
 * HAProxy in front. `configArgs` are the backend's --config arguments
 * (relative to packages/backend); `env` what every replica shares
 * (PostgreSQL, Redis); `secretEnv()` the shared secrets, read at spawn
 * time (the supervisor's secretEnv); `haproxyAdmin(command)` sends a
 * runtime-API command (used to put servers without a replica into
 * maintenance; default: to `adminSocket`).
 */
export function replicaServices({
  root,
  layout,
  configArgs,
  env = {},
  secretEnv,
  adminSocket = path.join(root, '.data/haproxy/portal.sock'),
  haproxyAdmin: admin = command => haproxyAdmin(adminSocket, command),
}) {
  const backend = backendCommand(root);
  const first = `backend-${layout.replicas[0].name}`;
  const replicas = layout.replicas.map((replica, i) => ({
    name: `backend-${replica.name}`,
    // Started once the first replica is ready: replicas starting together
    // on fresh databases race on each plugin's migrations (knex:
    // "Migration table is already locked") and fail. A restart of one while
    // the other runs is fine.
    ...(i > 0 ? { startAfterReady: first } : {}),
    command: backend.command,
    args: [...backend.args, ...configArgs],
    cwd: backend.cwd,
    ports: [replica.port, replica.metricsPort],
    ready: `${replica.url}/.backstage/health/v1/readiness`,
    // Any answer shows it is not hung (readiness is 503 while PostgreSQL is
    // down, which a restart would not cure).
    live: `${replica.url}/.backstage/health/v1/liveness`,
    ...(secretEnv ? { secretEnv } : {}),
    fatal:
      /Unhandled rejection|Backend failed to start|Failed to start plugin/i,
    env: {
      ...backend.env,
      ...env,
      // Each replica its own ports; everything else (the base URL, the
      // database, Redis, secrets) the same.
      APP_CONFIG_backend_listen: `:${replica.port}`,
      VIGIL_BACKEND_METRICS_PORT: String(replica.metricsPort),
      VIGIL_REPLICA: replica.name,
    },
  }));
  const unused = REPLICA_NAMES.filter(
    name => !layout.replicas.some(r => r.name === name),
  );
  return [
    ...replicas,
    {
      name: 'haproxy-portal',
      binary: 'haproxy',
      install: 'apt-get install haproxy',
      command: 'haproxy',
      args: ['-db', '-f', 'ops/haproxy/portal.cfg'],
      cwd: root,
      env: haproxyEnv(layout, adminSocket),
      ports: [layout.frontPort, layout.statsPort],
      ready: `${layout.stats}/healthz`,
      afterReady: async () => {
        for (const name of unused) {
          await admin(`set server replicas/${name} state maint`);
        }
        return true;
      },
    },
  ];
}

/**
 * What the replicas share and cannot start without: resolves with one
 * message per unreachable dependency (none: both answer). PostgreSQL is
 * asked `select 1` with the replicas' own settings (POSTGRES_HOST, _PORT,
 * _USER, _PASSWORD in `env`), so a wrong password shows here too; Redis
 * (REDIS_URL) a PING (any answer, even NOAUTH, shows it is there: the
 * replicas then report what is wrong with the URL).
 */
export async function unreachableDependencies(root, env, timeoutMs = 5000) {
  const problems = [];
  const pgAt = `${env.POSTGRES_HOST}:${env.POSTGRES_PORT}`;
  try {
    const { Client } = createRequire(
      path.join(root, 'packages/backend/package.json'),
    )('pg');
    const client = new Client({
      host: env.POSTGRES_HOST,
      port: Number(env.POSTGRES_PORT),
      user: env.POSTGRES_USER,
      password: env.POSTGRES_PASSWORD,
      database: 'postgres',
      connectionTimeoutMillis: timeoutMs,
    });
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    problems.push(
      `PostgreSQL at ${pgAt} (user ${env.POSTGRES_USER}) is not reachable: ${
        error.message || error.code
      }. --replicas keeps everything in PostgreSQL: start it, or point POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD at one`,
    );
  }
  const redis = new URL(env.REDIS_URL);
  const redisAt = `${redis.hostname}:${redis.port || 6379}`;
  const reply = await new Promise(resolve => {
    const conn = net.createConnection({
      host: redis.hostname,
      port: Number(redis.port || 6379),
      timeout: timeoutMs,
    });
    conn.on('connect', () => conn.write('PING\r\n'));
    conn.on('data', d => {
      conn.destroy();
      resolve({ ok: /^[+-]/.test(String(d)) });
    });
    conn.on('timeout', () => {
      conn.destroy();
      resolve({ ok: false, why: `no answer within ${timeoutMs} ms` });
    });
    conn.on('error', error =>
      resolve({ ok: false, why: error.message || error.code }),
    );
    // A first answer settles it; a close without one is not Redis.
    conn.on('close', () =>
      resolve({ ok: false, why: 'it closed the connection without an answer' }),
    );
  });
  if (!reply.ok) {
    problems.push(
      `Redis at ${redisAt} is not reachable: ${
        reply.why ?? 'not a Redis server'
      }. The replicas share their cache and rate limits there: start it, or point REDIS_URL at one`,
    );
  }
  return problems;
}

/**
 * Prometheus's file_sd targets for the replicas beyond the first (the first
 * is the job's static 127.0.0.1:9464). Written to
 * .data/prometheus-backend-targets/replicas.json (ops/prometheus/prometheus.yml).
 */
export function prometheusTargets(layout) {
  return layout.replicas
    .filter(r => r.metricsPort !== DEFAULT_PORTS.firstMetrics)
    .map(r => ({
      targets: [`127.0.0.1:${r.metricsPort}`],
      labels: { service: 'vigil', replica: r.name },
    }));
}

export function writePrometheusTargets(root, layout) {
  const dir = path.join(root, '.data/prometheus-backend-targets');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'replicas.json'),
    `${JSON.stringify(prometheusTargets(layout), null, 2)}\n`,
  );
}

/**
 * HAProxy's view of the replicas from its stats CSV: { a: 'UP', b: 'DOWN' }
 * (statuses like 'UP 1/2' while a check is in transition are kept as is).
 */
export async function haproxyServerStates(statsUrl) {
  const res = await fetch(`${statsUrl}/stats;csv`, {
    signal: AbortSignal.timeout(2000),
  });
  const lines = (await res.text()).split('\n');
  const header = lines[0].replace(/^# /, '').split(',');
  const col = name => header.indexOf(name);
  const states = {};
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    if (cells[col('pxname')] !== 'replicas') continue;
    const server = cells[col('svname')];
    if (server === 'BACKEND' || server === 'FRONTEND') continue;
    states[server] = cells[col('status')];
  }
  return states;
}

/**
 * Runs of every scheduled task in one replica's metrics (Backstage's
 * scheduler counts them: backend_tasks_task_runs_count_total{taskId,
 * scope, result}): Map taskId → runs.
 */
export async function scheduledTaskRuns(metricsUrl) {
  const text = await (
    await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })
  ).text();
  const runs = new Map();
  for (const line of text.split('\n')) {
    // The scheduler counts each run twice: result="started" when it begins,
    // then its outcome (completed, failed). Runs are the starts.
    if (!line.startsWith('backend_tasks_task_runs_count')) continue;
    if (!line.includes('result="started"')) continue;
    const taskId = /taskId="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (taskId && Number.isFinite(value)) {
      runs.set(taskId, (runs.get(taskId) ?? 0) + value);
    }
  }
  return runs;
}
