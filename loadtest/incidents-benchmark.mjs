// Incidents backend at scale, against its own backend (figures, never pass/fail,
// except the loss/duplication check, which exits 1 on a mismatch).
//
// Part 1, webhook replay: N groups x M Alertmanager v4 notifications (firing,
// repeats, new alerts, exact duplicates, partial resolves, out-of-order older
// notifications, flapping alerts, full resolves, refires), each group's in
// order, groups interleaved, `--concurrency` in flight; 5xx retried like
// Alertmanager. Prints throughput and latency, then checks through the API
// that every group has exactly one incident with exactly the expected alert
// and status events. HA Alertmanager pair: `--ha-groups` more groups get every
// notification twice at the same moment (both peers, first one included), and
// a sample of delivered notifications is redelivered twice concurrently; the
// check is then repeated: nothing may change.
//
// Part 2, list API at scale: seeds `--incidents` rows straight into the
// plugin's database before the backend starts, then measures the incident
// list (first page, status, severity, text search, entity, a deep page) with
// autocannon and prints p50/p95/p99 and req/s per query.
//
//   node loadtest/incidents-benchmark.mjs [--groups 1000] [--per-group 10]
//        [--concurrency 20] [--ha-groups 100] [--duplicates 1000] [--incidents 100000]
//        [--duration 20] [--connections 10] [--seed 42] [--postgres]
//        [--skip-webhook] [--skip-list] [--keep-collator]
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '1000' },
    'per-group': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '20' },
    duplicates: { type: 'string', default: '1000' },
    'ha-groups': { type: 'string', default: '100' },
    incidents: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    postgres: { type: 'boolean', default: false },
    'skip-webhook': { type: 'boolean', default: false },
    'skip-list': { type: 'boolean', default: false },
    'keep-collator': { type: 'boolean', default: false },
  },
});
const GROUPS = Number(values.groups);
const PER_GROUP = Number(values['per-group']);
const CONCURRENCY = Number(values.concurrency);
const DUPLICATES = Number(values.duplicates);
const HA_GROUPS = Number(values['ha-groups']);
const INCIDENTS = values['skip-list'] ? 0 : Number(values.incidents);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const SEED = Number(values.seed);
const POSTGRES = values.postgres;
for (const [name, value] of Object.entries({
  GROUPS,
  PER_GROUP,
  CONCURRENCY,
  DUPLICATES,
  HA_GROUPS,
  INCIDENTS,
  DURATION,
  CONNECTIONS,
  SEED,
})) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(
      `incidents-benchmark: --${name
        .toLowerCase()
        .replace('_', '-')} must be a non-negative integer`,
    );
    process.exit(2);
  }
}

// Not the portal's 7007/9464 nor the SLO benchmark's 7027.
const PORTS = { backend: 7037, metrics: 9474 };
const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres',
};
const PG_PREFIX = 'vigil_incbench_';
const work = path.join(root, '.data', 'incidents-benchmark');
const migrations = path.join(root, 'plugins/incidents-backend/migrations');
const WEBHOOK_TOKEN = `incidents-benchmark-${SEED}`;
const FALLBACK_ENTITY = 'component:default/scoring-api';
const base = `http://127.0.0.1:${PORTS.backend}`;
const DAY = 86_400_000;
const MINUTE = 60_000;

const children = [];
const stopAll = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const fail = message => {
  console.error(`incidents-benchmark: ${message}`);
  process.exit(1);
};
const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = message =>
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Deterministic PRNG (mulberry32). */
function rngFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rng, list) => list[Math.floor(rng() * list.length)];
function weighted(rng, table) {
  let r = rng() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1][0];
}

function percentiles(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = p =>
    sorted.length
      ? Number(
          sorted[
            Math.min(
              sorted.length - 1,
              Math.ceil((p / 100) * sorted.length) - 1,
            )
          ].toFixed(1),
        )
      : 0;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? Number(sorted[sorted.length - 1].toFixed(1)) : 0,
  };
}

// ------------------------------------------------------------ configuration

function writeConfig() {
  const collatorSchedule = {
    scope: 'local',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { hours: 24 },
  };
  const config = {
    backend: {
      baseUrl: `http://localhost:${PORTS.backend}`,
      listen: { port: PORTS.backend },
      database: POSTGRES
        ? { client: 'pg', prefix: PG_PREFIX, connection: { ...PG } }
        : {
            client: 'better-sqlite3',
            connection: { directory: path.join(work, 'sqlite') },
          },
    },
    vigil: {
      incidents: {
        alertmanager: {
          webhookToken: WEBHOOK_TOKEN,
          fallbackEntityRef: FALLBACK_ENTITY,
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
  if (!values['keep-collator']) {
    config.search = {
      collators: { incidents: { schedule: collatorSchedule } },
    };
  }
  const file = path.join(work, 'app-config.benchmark.yaml');
  // JSON is YAML.
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

// ------------------------------------------------------------ seeding (part 2)

const SEED_ENTITIES = [
  ['component:default/scoring-api', 'group:default/payments'],
  ['component:default/vigil', 'group:default/sre'],
  ['api:default/scoring-api', 'group:default/payments'],
  ['resource:default/scoring-feature-store', 'group:default/payments'],
  ['system:default/risk-scoring', 'group:default/payments'],
  ['component:default/checkout', 'group:default/team-checkout'],
  ['component:default/payments-gateway', 'group:default/payments'],
  ['component:default/ledger', 'group:default/team-ledger'],
  ['component:default/search', 'group:default/team-search'],
  ['component:default/identity', 'group:default/team-identity'],
  ['component:default/inventory', 'group:default/team-inventory'],
  ['component:default/notifications', 'group:default/sre'],
];
const SEED_USERS = ['alice', 'bob', 'carol', 'dmitri', 'erin'].map(
  u => `user:default/${u}`,
);
const TITLE_A = [
  'Elevated',
  'High',
  'Spike in',
  'Degraded',
  'Intermittent',
  'Sustained',
];
const TITLE_B = [
  '5xx errors',
  'latency',
  'error budget burn',
  'timeouts',
  'queue backlog',
  'CPU saturation',
  'memory pressure',
  'disk usage',
  'replication lag',
  'cache misses',
];
/** The `q` query of part 2: one title word in ten. */
const LIST_WORD = 'latency';
const LIST_ENTITY = 'component:default/scoring-api';

function uuidFrom(rng) {
  const hex = Array.from({ length: 32 }, () =>
    Math.floor(rng() * 16).toString(16),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** One incident row with its entity and owner rows, consistent with its status and age. */
function seedIncident(rng, now) {
  const age = Math.floor(rng() * 365 * DAY);
  const declared = now - age;
  const severity = weighted(rng, [
    ['SEV1', 5],
    ['SEV2', 20],
    ['SEV3', 45],
    ['SEV4', 30],
  ]);
  let status;
  if (age < 2 * DAY) {
    status = weighted(rng, [
      ['investigating', 3],
      ['identified', 2],
      ['monitoring', 2],
      ['resolved', 3],
    ]);
  } else if (age < 14 * DAY) {
    status = weighted(rng, [
      ['investigating', 1],
      ['monitoring', 1],
      ['resolved', 9],
      ['closed', 9],
    ]);
  } else {
    status = weighted(rng, [
      ['investigating', 1],
      ['identified', 1],
      ['resolved', 5],
      ['closed', 93],
    ]);
  }
  const acknowledged =
    status === 'investigating' && rng() < 0.5
      ? null
      : declared + Math.floor(rng() * 15 * MINUTE) + 1000;
  let mitigated = null;
  let resolved = null;
  let closed = null;
  if (['monitoring', 'resolved', 'closed'].includes(status)) {
    mitigated =
      (acknowledged ?? declared) + Math.floor(rng() * 240 * MINUTE) + MINUTE;
  }
  if (status === 'resolved' || status === 'closed') {
    resolved = mitigated + Math.floor(rng() * 120 * MINUTE);
  }
  if (status === 'closed') {
    closed = resolved + DAY + Math.floor(rng() * 9 * DAY);
    if (closed > now - MINUTE) {
      closed = null;
      status = 'resolved';
    }
  }
  for (const t of [mitigated, resolved]) {
    if (t !== null && t > now - MINUTE) {
      // Too recent to have happened: still open.
      status = 'monitoring';
      resolved = null;
      if (mitigated > now - MINUTE) mitigated = null;
      break;
    }
  }
  const refs = [pick(rng, SEED_ENTITIES)];
  if (rng() < 0.15) {
    const second = pick(rng, SEED_ENTITIES);
    if (second !== refs[0]) refs.push(second);
  }
  const entityRefs = refs.map(([ref]) => ref);
  const ownerRefs = [...new Set(refs.map(([, owner]) => owner))];
  const service = entityRefs[0].split('/')[1];
  const commander = acknowledged !== null ? pick(rng, SEED_USERS) : null;
  const fromAlert = rng() < 0.4;
  const id = uuidFrom(rng);
  const updated = Math.max(
    declared,
    acknowledged ?? 0,
    mitigated ?? 0,
    resolved ?? 0,
    closed ?? 0,
  );
  const postmortemState =
    status === 'closed'
      ? 'published'
      : status === 'resolved'
      ? pick(rng, [null, 'draft', 'in_review'])
      : null;
  return {
    incident: {
      id,
      title: `${pick(rng, TITLE_A)} ${pick(rng, TITLE_B)} on ${service}`,
      summary:
        rng() < 0.7
          ? `Customers saw failures on ${service}; see the dashboard for details.`
          : null,
      severity,
      status,
      entity_refs: JSON.stringify(entityRefs),
      owner_refs: JSON.stringify(ownerRefs),
      roles: JSON.stringify(commander ? { commander } : {}),
      role_history: JSON.stringify(
        commander
          ? [
              {
                role: 'commander',
                assignee: commander,
                assignedAt: new Date(acknowledged).toISOString(),
                assignedBy: commander,
              },
            ]
          : [],
      ),
      commander,
      detected_at: declared - Math.floor(rng() * 20 * MINUTE),
      declared_at: declared,
      acknowledged_at: acknowledged,
      mitigated_at: mitigated,
      resolved_at: resolved,
      closed_at: closed,
      postmortem_state: postmortemState,
      alert_group_key: fromAlert
        ? `{}/{service=~".+"}:{alertname="Seeded${Math.floor(rng() * 500)}"}`
        : null,
      created_by: fromAlert ? 'alertmanager' : pick(rng, SEED_USERS),
      updated_at: updated,
      version:
        1 +
        [acknowledged, mitigated, resolved, closed].filter(t => t !== null)
          .length,
    },
    entities: entityRefs.map(entity_ref => ({
      incident_id: id,
      entity_ref,
      declared_at: declared,
    })),
    owners: ownerRefs.map(owner_ref => ({
      incident_id: id,
      owner_ref,
      declared_at: declared,
    })),
  };
}

async function openSeedDatabase() {
  if (!POSTGRES) {
    fs.mkdirSync(path.join(work, 'sqlite'), { recursive: true });
    // Backstage's SQLite connector: one file per plugin, <directory>/<pluginId>.sqlite.
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(work, 'sqlite', 'incidents.sqlite') },
      useNullAsDefault: true,
    });
  }
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG, database: 'postgres' },
  });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${PG_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
    // Backstage's pluginDivisionMode `database`: <prefix><pluginId>.
    await admin.raw('create database ??', [`${PG_PREFIX}incidents`]);
  } finally {
    await admin.destroy();
  }
  return knexFactory({
    client: 'pg',
    connection: { ...PG, database: `${PG_PREFIX}incidents` },
  });
}

/** Creates the plugin's tables with its own migrations, then inserts the rows. */
async function seedDatabase(count) {
  const started = performance.now();
  const db = await openSeedDatabase();
  try {
    await db.migrate.latest({ directory: migrations });
    if (count === 0) return 0;
    const rng = rngFrom(SEED * 7919 + 1);
    const now = Date.now();
    const chunk = POSTGRES ? 1000 : 40;
    await db.transaction(async tx => {
      let incidents = [];
      let entities = [];
      let owners = [];
      const flush = async () => {
        await tx.batchInsert('incidents', incidents, chunk);
        await tx.batchInsert('incident_entities', entities, chunk * 4);
        await tx.batchInsert('incident_owners', owners, chunk * 4);
        incidents = [];
        entities = [];
        owners = [];
      };
      for (let i = 0; i < count; i++) {
        const row = seedIncident(rng, now);
        incidents.push(row.incident);
        entities.push(...row.entities);
        owners.push(...row.owners);
        if (incidents.length >= 5000) await flush();
      }
      await flush();
    });
    // PostgreSQL's autovacuum would analyze a table this size; Backstage never
    // runs ANALYZE on SQLite, so neither does the benchmark.
    if (POSTGRES) await db.raw('analyze');
    return Math.round(performance.now() - started);
  } finally {
    await db.destroy();
  }
}

// ------------------------------------------------------------ backend

function start(name, command, args, options = {}) {
  const out = fs.openSync(path.join(work, `${name}.log`), 'w');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    ...options,
  });
  children.push(child);
  return child;
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    await sleep(1000);
  }
  return fail(
    `timed out waiting for ${what} (logs in ${path.relative(root, work)})`,
  );
}

/**
 * CPU seconds used so far by the backend's process group (Linux /proc; the
 * backend is the node process under yarn and backstage-cli), or undefined.
 */
let backendGroup;
const CLK_TCK = 100;
function backendCpuSeconds() {
  if (!backendGroup) return undefined;
  try {
    let ticks = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[2] is the process group, fields[11..12] utime and stime.
      if (Number(fields[2]) === backendGroup)
        ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / CLK_TCK;
  } catch {
    return undefined;
  }
}
const cpuFigures = (before, after, wallMs, count) =>
  before === undefined || after === undefined
    ? {}
    : {
        backendCpuSeconds: Number((after - before).toFixed(1)),
        backendCores: Number(((after - before) / (wallMs / 1000)).toFixed(2)),
        ...(count
          ? {
              backendCpuMsPerRequest: Number(
                (((after - before) * 1000) / count).toFixed(1),
              ),
            }
          : {}),
      };

async function startBackend(configFile) {
  const started = performance.now();
  // What `yarn workspace backend start` runs, plus the benchmark's config;
  // the OpenTelemetry exporter on its own port.
  const child = start(
    'backend',
    'yarn',
    [
      'backstage-cli',
      'package',
      'start',
      '--require',
      './src/instrumentation.js',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: {
        ...process.env,
        VIGIL_BACKEND_METRICS_PORT: String(PORTS.metrics),
        VIGIL_ALERTMANAGER_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      },
    },
  );
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
  await waitFor(
    'the backend',
    async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );
  const token = await waitFor(
    'a guest token',
    async () => {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return res.ok ? (await res.json()).backstageIdentity.token : undefined;
    },
    60_000,
  );
  const headers = { authorization: `Bearer ${token}` };
  // Incidents are as visible as their entities: wait for the catalog to hold the fallback entity.
  await waitFor(
    `${FALLBACK_ENTITY} in the catalog`,
    async () =>
      (
        await fetch(
          `${base}/api/catalog/entities/by-name/component/default/scoring-api`,
          { headers },
        )
      ).ok,
    120_000,
  );
  return { headers, startMs: Math.round(performance.now() - started) };
}
let stopping = false;

async function getJson(url, headers) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { headers });
    if (res.ok) return res.json();
    if (res.status < 500 || attempt >= 5) {
      throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    }
    await sleep(200 * 2 ** attempt);
  }
}

/** Runs fn over items with `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0;
  const results = new Array(items.length);
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

// ------------------------------------------------------------ scenarios (part 1)

const SEVERITY_LABELS = [
  ['critical', 'SEV2', 3],
  ['page', 'SEV2', 3],
  ['warning', 'SEV3', 3],
  ['ticket', 'SEV3', 2],
  ['info', 'SEV4', 1],
  ['sev1', 'SEV1', 1],
];
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Alertmanager-style timestamps: milliseconds, sometimes Go's nanoseconds. */
function amTime(ms, rng) {
  const iso = new Date(ms).toISOString();
  return rng() < 0.15
    ? iso.replace('Z', `${String(Math.floor(rng() * 1e6)).padStart(6, '0')}Z`)
    : iso;
}

/**
 * One alert group: its notifications in Alertmanager's order and what the
 * backend must end with. The group's alerts evolve through in-order
 * notifications (each changes something: a new alert, a resolve, a refire,
 * a flapping alert first seen resolved); between them Alertmanager repeats
 * the last notification or a delayed older one arrives (out of order), and
 * neither may change anything.
 */
function buildGroup(g, perGroup, t0) {
  const rng = rngFrom(SEED * 1_000_003 + g);
  const name = `Bench${String(g).padStart(5, '0')}`;
  const groupKey = `{}/{service=~".+"}:{alertname="${name}"}`;
  const [severityLabel, severity] = weighted(
    rng,
    SEVERITY_LABELS.map(([l, s, w]) => [[l, s], w]),
  );
  const maxAlerts = 1 + Math.floor(rng() * 4);
  let flapsLeft = rng() < 0.3 ? 1 : 0;
  const endResolved = rng() < 0.6;
  const inOrder = Math.max(
    1,
    Math.min(perGroup, Math.round(perGroup * (0.5 + rng() * 0.2))),
  );
  const alerts = []; // {fp, labels, startsAt, endsAt, status, resolvedStep}
  const expected = {
    groupKey,
    name,
    severity,
    status: 'investigating',
    events: new Map(), // key -> count
    alerts: new Map(), // fp -> {status, startsAt, endsAt}
  };
  const expect = key =>
    expected.events.set(key, (expected.events.get(key) ?? 0) + 1);
  const newAlert = j => {
    const fp = createHash('sha256')
      .update(`${groupKey}#${j}`)
      .digest('hex')
      .slice(0, 16);
    return {
      fp,
      labels: {
        alertname: name,
        service: 'scoring-api',
        severity: severityLabel,
        job: 'scoring-api',
        instance: `10.${Math.floor(g / 250) % 256}.${g % 250}.${j + 1}:8080`,
        namespace: 'payments',
      },
    };
  };
  const snapshots = [];
  let t = t0;
  for (let step = 0; step < inOrder; step++) {
    t += MINUTE + Math.floor(rng() * 30_000);
    const firing = alerts.filter(a => a.status === 'firing');
    const resolved = alerts.filter(a => a.status === 'resolved');
    let op;
    if (step === 0) op = 'fire';
    else if (step === inOrder - 1 && endResolved && firing.length)
      op = 'resolveAll';
    else {
      const ops = [];
      if (alerts.length < maxAlerts) ops.push(['fire', 3]);
      if (firing.length) ops.push(['resolve', 3]);
      if (resolved.length) ops.push(['refire', 2]);
      if (flapsLeft && alerts.length < 5) ops.push(['flap', 1]);
      op = weighted(rng, ops);
    }
    const changed = [];
    if (op === 'fire') {
      const count =
        step === 0 ? 1 + Math.floor(rng() * Math.min(2, maxAlerts)) : 1;
      for (let k = 0; k < count; k++) {
        const a = {
          ...newAlert(alerts.length),
          status: 'firing',
          startsAt: amTime(t - Math.floor(rng() * 30_000), rng),
        };
        alerts.push(a);
        changed.push(a);
        expect(`alert_attached ${a.fp} ${a.startsAt}`);
      }
    } else if (op === 'resolve' || op === 'resolveAll') {
      const targets = op === 'resolveAll' ? firing : [pick(rng, firing)];
      for (const a of targets) {
        a.status = 'resolved';
        a.endsAt = amTime(t - Math.floor(rng() * 20_000), rng);
        a.resolvedStep = step;
        changed.push(a);
        expect(`alert_resolved ${a.fp} ${a.endsAt}`);
      }
    } else if (op === 'refire') {
      const a = pick(rng, resolved);
      a.status = 'firing';
      a.startsAt = amTime(t - Math.floor(rng() * 30_000), rng);
      delete a.endsAt;
      changed.push(a);
      expect(`alert_attached ${a.fp} ${a.startsAt}`);
    } else if (op === 'flap') {
      // Fired and resolved between two notifications: first seen resolved, no event.
      flapsLeft--;
      const a = {
        ...newAlert(alerts.length),
        status: 'resolved',
        startsAt: amTime(t - 40_000, rng),
        endsAt: amTime(t - 10_000, rng),
        resolvedStep: step,
      };
      alerts.push(a);
      changed.push(a);
    }
    // Firing alerts, plus alerts resolved in the last two notifications.
    const included = alerts.filter(
      a =>
        a.status === 'firing' ||
        step - a.resolvedStep <= 2 ||
        changed.includes(a),
    );
    const anyFiring = included.some(a => a.status === 'firing');
    // Incident status (resolveIncidentWhenAllResolved, reopenOnRefire).
    if (
      (op === 'fire' || op === 'refire') &&
      expected.status === 'resolved' &&
      step > 0
    ) {
      expect('status_changed resolved investigating');
      expected.status = 'investigating';
    } else if (
      (op === 'resolve' || op === 'resolveAll') &&
      !anyFiring &&
      expected.status === 'investigating' &&
      alerts.every(a => a.status === 'resolved')
    ) {
      expect('status_changed investigating resolved');
      expected.status = 'resolved';
    }
    snapshots.push(payloadFor(groupKey, name, severityLabel, included, rng));
  }
  for (const a of alerts) {
    expected.alerts.set(a.fp, {
      status: a.status,
      startsAt: a.startsAt,
      ...(a.endsAt ? { endsAt: a.endsAt } : {}),
    });
  }

  // Interleave exact repeats and delayed older notifications.
  const extras = perGroup - inOrder;
  const slots = Array.from({ length: inOrder }, () => 0);
  for (let k = 0; k < extras; k++) slots[Math.floor(rng() * inOrder)]++;
  const bodies = snapshots.map(payload => JSON.stringify(payload));
  const notifications = [];
  bodies.forEach((body, i) => {
    notifications.push({
      body,
      kind: i === 0 ? 'open' : 'change',
      expectAction: i === 0 ? 'opened' : 'updated',
    });
    for (let k = 0; k < slots[i]; k++) {
      const stale = i > 0 && rng() < 0.5;
      notifications.push({
        body: bodies[stale ? Math.floor(rng() * i) : i],
        kind: stale ? 'out-of-order' : 'repeat',
        expectAction: 'unchanged',
      });
    }
  });
  return {
    g,
    groupKey,
    expected,
    notifications,
    next: 0,
    incidentIds: new Set(),
    actions: [],
  };
}

function payloadFor(groupKey, name, severityLabel, included, rng) {
  const labels = included.map(a => a.labels);
  const common = Object.fromEntries(
    Object.entries(labels[0]).filter(([k, v]) => labels.every(l => l[k] === v)),
  );
  const summary = `${name}: scoring-api error budget burning too fast`;
  return {
    receiver: 'vigil-incidents',
    status: included.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: included.map(a => ({
      status: a.status,
      labels: a.labels,
      annotations: {
        summary,
        description: `High error rate on ${a.labels.instance} (${(
          1 +
          rng() * 5
        ).toFixed(2)}% of requests)`,
        runbook_url: 'https://vigil.example/runbooks/scoring-api-errors',
      },
      startsAt: a.startsAt,
      endsAt: a.status === 'resolved' ? a.endsAt : GO_ZERO_TIME,
      generatorURL: `http://prometheus.example:9090/graph?g0.expr=${encodeURIComponent(
        `job:slo_errors_per_request:ratio_rate5m{service="scoring-api"} > 0.014`,
      )}&g0.tab=1`,
      fingerprint: a.fp,
    })),
    groupLabels: { alertname: name },
    commonLabels: common,
    commonAnnotations: {
      summary,
      runbook_url: 'https://vigil.example/runbooks/scoring-api-errors',
    },
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey,
    truncatedAlerts: 0,
  };
}

// ------------------------------------------------------------ webhook delivery

const webhookHeaders = {
  authorization: `Bearer ${WEBHOOK_TOKEN}`,
  'content-type': 'application/json',
};

// Keep-alive connections, as Alertmanager's Go client keeps them. (The global
// fetch's pool left bursts of requests queued client-side for seconds here,
// which the latency figures then charged to the backend.)
const webhookAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs `body` and reads the whole answer. */
function postWebhook(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/incidents/alertmanager/webhook`,
      {
        method: 'POST',
        agent: webhookAgent,
        headers: {
          ...webhookHeaders,
          'content-length': Buffer.byteLength(body),
        },
      },
      res => {
        const chunks = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts like Alertmanager: 5xx and connection errors retried with backoff, 4xx not. */
async function deliver(body, stats) {
  for (let attempt = 0; ; attempt++) {
    const began = performance.now();
    let status;
    let json;
    try {
      const res = await postWebhook(body);
      status = res.status;
      const text = res.text;
      try {
        json = JSON.parse(text);
      } catch {
        json = { body: text.slice(0, 200) };
      }
    } catch (error) {
      status = `error ${error.code ?? error.cause?.code ?? error.message}`;
    }
    const ms = performance.now() - began;
    stats.latencies.push(ms);
    if (typeof status === 'number' && status >= 200 && status < 300)
      return { ok: true, json, ms };
    stats.non2xx[status] = (stats.non2xx[status] ?? 0) + 1;
    const retryable =
      typeof status !== 'number' || status >= 500 || status === 429;
    if (!retryable || attempt >= 10) {
      stats.failed++;
      return { ok: false, status, json };
    }
    stats.retries++;
    await sleep(Math.min(2000, 50 * 2 ** attempt));
  }
}

const newStats = () => ({
  latencies: [],
  byKind: {},
  done: [],
  non2xx: {},
  retries: 0,
  failed: 0,
});

/**
 * Every group's notifications in order, `concurrency` requests in flight,
 * groups interleaved at random. With `pairs`, each notification is sent twice
 * at once, as both peers of an HA Alertmanager pair do when their gossip lags.
 */
async function replay(groups, concurrency, pairs = false) {
  const rng = rngFrom(SEED * 31 + 7);
  const stats = newStats();
  const ready = groups.filter(g => g.notifications.length > 0);
  let remaining = ready.reduce((sum, g) => sum + g.notifications.length, 0);
  let wake;
  const started = performance.now();
  await Promise.all(
    Array.from(
      {
        length: pairs ? Math.max(1, Math.floor(concurrency / 2)) : concurrency,
      },
      async () => {
        while (remaining > 0) {
          if (ready.length === 0) {
            await new Promise(resolve => {
              const previous = wake;
              wake = () => {
                previous?.();
                resolve();
              };
            });
            continue;
          }
          const index = Math.floor(rng() * ready.length);
          const group = ready[index];
          ready[index] = ready[ready.length - 1];
          ready.pop();
          const notification = group.notifications[group.next++];
          const results = await Promise.all(
            Array.from({ length: pairs ? 2 : 1 }, () =>
              deliver(notification.body, stats),
            ),
          );
          remaining--;
          for (const r of results) {
            if (!r.ok) continue;
            (stats.byKind[notification.kind] ??= []).push(r.ms);
            stats.done.push([
              performance.now() - started,
              notification.kind,
              r.ms,
            ]);
          }
          group.actions.push({
            expected: notification.expectAction,
            kind: notification.kind,
            got: results.map(r => (r.ok ? r.json?.action : `HTTP ${r.status}`)),
          });
          for (const result of results) {
            if (result.json?.incidentId)
              group.incidentIds.add(result.json.incidentId);
          }
          if (group.next < group.notifications.length) ready.push(group);
          const w = wake;
          wake = undefined;
          w?.();
        }
        const w = wake;
        wake = undefined;
        w?.();
      },
    ),
  );
  return { stats, wallMs: performance.now() - started };
}

// ------------------------------------------------------------ verification

/**
 * Splits the replay at the moment the last incident was opened: opening
 * costs more than updating (the notification fan-out), and it slows every
 * request in flight, whatever its kind.
 */
function phases(stats, wallMs) {
  const lastOpen = Math.max(
    0,
    ...stats.done.filter(([, kind]) => kind === 'open').map(([t]) => t),
  );
  const part = (rows, seconds) => ({
    notifications: rows.length,
    seconds: Number(seconds.toFixed(1)),
    perSecond: seconds > 0 ? Math.round(rows.length / seconds) : 0,
    latencyMs: percentiles(rows.map(([, , ms]) => ms)),
  });
  return {
    whileOpening: part(
      stats.done.filter(([t]) => t <= lastOpen),
      lastOpen / 1000,
    ),
    afterLastOpen: part(
      stats.done.filter(([t]) => t > lastOpen),
      (wallMs - lastOpen) / 1000,
    ),
  };
}

/** Every incident whose title carries the benchmark's alert names, by group key. */
async function listBenchIncidents(headers) {
  const items = [];
  let totalCount = 0;
  for (let offset = 0; ; offset += 200) {
    const page = await getJson(
      `${base}/api/incidents/incidents?q=Bench&status=all&limit=200&offset=${offset}`,
      headers,
    );
    totalCount = page.totalCount;
    items.push(...page.items);
    if (page.items.length < 200) break;
  }
  return { items, totalCount };
}

function eventKey(event) {
  switch (event.type) {
    case 'alert_attached':
      return `alert_attached ${event.fingerprint} ${event.startsAt}`;
    case 'alert_resolved':
      return `alert_resolved ${event.fingerprint} ${event.endsAt}`;
    case 'status_changed':
      return `status_changed ${event.from} ${event.to}`;
    default:
      return event.type;
  }
}

async function fetchDetails(ids, headers) {
  const details = new Map();
  await pool(ids, CONCURRENCY, async id => {
    details.set(
      id,
      await getJson(
        `${base}/api/incidents/incidents/${encodeURIComponent(id)}`,
        headers,
      ),
    );
  });
  return details;
}

/** Compares what the API holds with each group's expectation; returns the problems found. */
async function verify(groups, headers) {
  const problems = [];
  const counts = {
    lost: 0,
    duplicated: 0,
    eventsMissing: 0,
    eventsUnexpected: 0,
    alertMismatches: 0,
    statusMismatches: 0,
    severityMismatches: 0,
    actionMismatches: 0,
    foreign: 0,
  };
  const { items, totalCount } = await listBenchIncidents(headers);
  const byKey = new Map();
  for (const incident of items) {
    const list = byKey.get(incident.alertGroupKey) ?? [];
    list.push(incident);
    byKey.set(incident.alertGroupKey, list);
  }
  const known = new Set(groups.map(g => g.groupKey));
  for (const [key, list] of byKey) {
    if (!known.has(key)) {
      counts.foreign += list.length;
      problems.push(
        `incident(s) ${list
          .map(i => i.id)
          .join(', ')} with group key ${key} belong to no benchmark group`,
      );
    }
  }
  const ids = [];
  for (const group of groups) {
    const found = byKey.get(group.groupKey) ?? [];
    if (found.length === 0) {
      counts.lost++;
      problems.push(`${group.expected.name}: no incident (lost)`);
    } else if (found.length > 1) {
      counts.duplicated++;
      problems.push(
        `${group.expected.name}: ${found.length} incidents (${found
          .map(i => i.id)
          .join(', ')})`,
      );
    }
    if (group.incidentIds.size > 1) {
      problems.push(
        `${group.expected.name}: webhook answered with ${group.incidentIds.size} incident ids`,
      );
    }
    for (const [i, action] of group.actions.entries()) {
      // Of a pair sent at once, one does the work and the other finds it done.
      const want = [
        action.expected,
        ...action.got.slice(1).map(() => 'unchanged'),
      ]
        .sort()
        .join(' + ');
      const got = [...action.got].sort().join(' + ');
      if (got !== want) {
        counts.actionMismatches++;
        problems.push(
          `${group.expected.name}: notification ${i} (${action.kind}) answered ${got}, expected ${want}`,
        );
      }
    }
    if (found.length >= 1) ids.push(...found.map(i => i.id));
  }
  const details = await fetchDetails(ids, headers);
  for (const group of groups) {
    const found = byKey.get(group.groupKey) ?? [];
    if (found.length !== 1) continue;
    const d = details.get(found[0].id);
    const exp = group.expected;
    const name = exp.name;
    if (d.incident.status !== exp.status) {
      counts.statusMismatches++;
      problems.push(
        `${name}: incident status ${d.incident.status}, expected ${exp.status}`,
      );
    }
    if (d.incident.severity !== exp.severity) {
      counts.severityMismatches++;
      problems.push(
        `${name}: severity ${d.incident.severity}, expected ${exp.severity}`,
      );
    }
    const got = new Map();
    for (const event of d.timeline) {
      const key = eventKey(event);
      got.set(key, (got.get(key) ?? 0) + 1);
    }
    for (const key of new Set([...got.keys(), ...exp.events.keys()])) {
      const want = exp.events.get(key) ?? 0;
      const have = got.get(key) ?? 0;
      if (have < want) {
        counts.eventsMissing += want - have;
        problems.push(`${name}: ${want - have} missing event(s) "${key}"`);
      } else if (have > want) {
        counts.eventsUnexpected += have - want;
        problems.push(
          `${name}: ${
            have - want
          } unexpected event(s) "${key}" (${have} instead of ${want})`,
        );
      }
    }
    const alerts = new Map(d.alerts.map(a => [a.fingerprint, a]));
    for (const fp of new Set([...alerts.keys(), ...exp.alerts.keys()])) {
      const a = alerts.get(fp);
      const e = exp.alerts.get(fp);
      const same =
        a &&
        e &&
        a.status === e.status &&
        a.startsAt === e.startsAt &&
        (a.endsAt ?? null) === (e.endsAt ?? null);
      if (!same) {
        counts.alertMismatches++;
        problems.push(
          `${name}: alert ${fp} is ${
            a ? `${a.status} ${a.startsAt}..${a.endsAt ?? ''}` : 'absent'
          }, expected ${
            e ? `${e.status} ${e.startsAt}..${e.endsAt ?? ''}` : 'absent'
          }`,
        );
      }
    }
  }
  const expectedEvents = groups.reduce(
    (sum, g) =>
      sum + [...g.expected.events.values()].reduce((a, b) => a + b, 0),
    0,
  );
  return {
    problems,
    counts,
    listed: items.length,
    totalCount,
    details,
    expectedEvents,
  };
}

function snapshotOf(detail) {
  return JSON.stringify({
    version: detail.incident.version,
    status: detail.incident.status,
    timeline: detail.timeline.map(e => e.id),
    alerts: detail.alerts,
  });
}

/** Redelivers a sample of delivered notifications, each twice at once (an HA pair), all concurrently. */
async function duplicatePhase(groups, headers, before) {
  const rng = rngFrom(SEED * 17 + 3);
  const all = groups.flatMap(g =>
    g.notifications.map(n => ({ group: g, body: n.body })),
  );
  const sample = [];
  const size = Math.min(DUPLICATES, all.length);
  const taken = new Set();
  while (sample.length < size) {
    const i = Math.floor(rng() * all.length);
    if (taken.has(i)) continue;
    taken.add(i);
    sample.push(all[i]);
  }
  const sends = sample.flatMap(item => [item, item]);
  for (let i = sends.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [sends[i], sends[j]] = [sends[j], sends[i]];
  }
  const stats = newStats();
  const actions = {};
  const problems = [];
  const started = performance.now();
  await pool(sends, CONCURRENCY * 2, async item => {
    const result = await deliver(item.body, stats);
    const action = result.ok ? result.json.action : `HTTP ${result.status}`;
    actions[action] = (actions[action] ?? 0) + 1;
    if (action !== 'unchanged') {
      problems.push(
        `${item.group.expected.name}: a redelivered notification answered ${action}, expected unchanged`,
      );
    }
  });
  const wallMs = performance.now() - started;
  const affected = [...new Set(sample.map(s => s.group))];
  const idOf = new Map();
  for (const [id, d] of before.details) idOf.set(d.incident.alertGroupKey, id);
  const ids = affected.map(g => idOf.get(g.groupKey)).filter(Boolean);
  const after = await fetchDetails(ids, headers);
  let changed = 0;
  for (const id of ids) {
    if (snapshotOf(after.get(id)) !== snapshotOf(before.details.get(id))) {
      changed++;
      const b = before.details.get(id);
      const a = after.get(id);
      problems.push(
        `incident ${id} (${a.incident.title}) changed: version ${b.incident.version}→${a.incident.version}, timeline ${b.timeline.length}→${a.timeline.length} events, status ${b.incident.status}→${a.incident.status}`,
      );
    }
  }
  const { totalCount } = await getJson(
    `${base}/api/incidents/incidents?q=Bench&status=all&limit=1`,
    headers,
  );
  if (totalCount !== before.totalCount) {
    problems.push(
      `the benchmark's incidents went from ${before.totalCount} to ${totalCount}`,
    );
  }
  return {
    sent: sends.length,
    distinct: sample.length,
    stats,
    wallMs,
    actions,
    checked: ids.length,
    changed,
    totalCount,
    problems,
  };
}

async function scrapeServerCounters() {
  try {
    const text = await (
      await fetch(`http://127.0.0.1:${PORTS.metrics}/metrics`)
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

// ------------------------------------------------------------ list API (part 2)

async function measureList(headers, totalIncidents) {
  const deep =
    totalIncidents > 50_000 ? 50_000 : Math.floor(totalIncidents / 2);
  const queries = [
    ['first page', 'limit=25'],
    ['status=open', 'status=open&limit=25'],
    ['severity=SEV1', 'severity=SEV1&limit=25'],
    [`q=${LIST_WORD}`, `q=${LIST_WORD}&limit=25`],
    [
      `entityRef=${LIST_ENTITY}`,
      `entityRef=${encodeURIComponent(LIST_ENTITY)}&limit=25`,
    ],
    [`offset=${deep}`, `limit=25&offset=${deep}`],
  ];
  const results = [];
  for (const [name, query] of queries) {
    const url = `${base}/api/incidents/incidents?${query}`;
    const probe = await getJson(url, headers);
    const latencies = [];
    const cpuBefore = backendCpuSeconds();
    const started = performance.now();
    const result = await new Promise((resolve, reject) => {
      const instance = autocannon(
        { url, headers, connections: CONNECTIONS, duration: DURATION },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
    });
    const row = {
      query: name,
      matching: probe.totalCount,
      items: probe.items.length,
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      ...percentiles(latencies),
      non2xx: result.non2xx,
      errors: result.errors,
      ...cpuFigures(
        cpuBefore,
        backendCpuSeconds(),
        performance.now() - started,
        result.requests.total,
      ),
    };
    log(`list ${name}: p95 ${row.p95} ms, ${row.rps} req/s`);
    results.push(row);
  }
  return results;
}

// ------------------------------------------------------------ output

function table(rows, columns) {
  const widths = columns.map(([key, title]) =>
    Math.max(title.length, ...rows.map(r => String(r[key] ?? '').length)),
  );
  const line = cells =>
    cells
      .map((c, i) =>
        i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]),
      )
      .join('  ');
  return [
    line(columns.map(([, t]) => t)),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(r => line(columns.map(([k]) => r[k] ?? ''))),
  ].join('\n');
}

// ------------------------------------------------------------ main

async function main() {
  const runStarted = performance.now();
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const figures = {
    database: POSTGRES ? 'postgres' : 'sqlite',
    options: {
      groups: GROUPS,
      perGroup: PER_GROUP,
      concurrency: CONCURRENCY,
      haGroups: HA_GROUPS,
      duplicates: DUPLICATES,
      incidents: INCIDENTS,
      duration: DURATION,
      connections: CONNECTIONS,
      seed: SEED,
    },
  };

  log(`seeding ${INCIDENTS} incidents into the ${figures.database} database`);
  figures.seedMs = await seedDatabase(INCIDENTS);
  log(
    `seeded in ${figures.seedMs} ms; starting the backend on :${PORTS.backend}`,
  );
  const configFile = writeConfig();
  const { headers, startMs } = await startBackend(configFile);
  figures.backendStartMs = startMs;
  log(`backend ready in ${startMs} ms`);

  let verdict = { ok: true, problems: [] };
  if (!values['skip-webhook'] && GROUPS > 0 && PER_GROUP > 0) {
    const t0 = Date.now() - 12 * 60 * MINUTE;
    const groups = Array.from({ length: GROUPS }, (_, g) =>
      buildGroup(g + 1, PER_GROUP, t0 + g * 1000),
    );
    const total = groups.reduce((sum, g) => sum + g.notifications.length, 0);
    const kinds = {};
    for (const g of groups)
      for (const n of g.notifications) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
    log(
      `replaying ${total} notifications of ${GROUPS} groups, ${CONCURRENCY} in flight`,
    );
    const countersBefore = await scrapeServerCounters();
    const cpuBefore = backendCpuSeconds();
    const { stats, wallMs } = await replay(groups, CONCURRENCY);
    const cpuAfter = backendCpuSeconds();
    const countersAfter = await scrapeServerCounters();
    let ha;
    if (HA_GROUPS > 0) {
      const haGroups = Array.from({ length: HA_GROUPS }, (_, k) =>
        buildGroup(GROUPS + k + 1, PER_GROUP, t0 + (GROUPS + k) * 1000),
      );
      const haTotal = haGroups.reduce(
        (sum, g) => sum + g.notifications.length,
        0,
      );
      log(
        `HA pair: ${HA_GROUPS} new groups, each of their ${haTotal} notifications sent twice at once`,
      );
      const run = await replay(haGroups, CONCURRENCY, true);
      ha = { groups: HA_GROUPS, notifications: haTotal, run };
      groups.push(...haGroups);
    }
    figures.webhook = {
      notifications: total,
      kinds,
      wallSeconds: Number((wallMs / 1000).toFixed(1)),
      throughputPerSecond: Math.round(total / (wallMs / 1000)),
      latencyMs: percentiles(stats.latencies),
      latencyMsByKind: Object.fromEntries(
        Object.entries(stats.byKind).map(([k, l]) => [k, percentiles(l)]),
      ),
      phases: phases(stats, wallMs),
      ...cpuFigures(cpuBefore, cpuAfter, wallMs, stats.latencies.length),
      requests: stats.latencies.length,
      non2xx: stats.non2xx,
      retries: stats.retries,
      failed: stats.failed,
      ...(countersAfter
        ? {
            serverActions: Object.fromEntries(
              Object.entries(countersAfter).map(([k, v]) => [
                k,
                v - (countersBefore?.[k] ?? 0),
              ]),
            ),
          }
        : {}),
    };
    if (ha) {
      figures.haPair = {
        groups: ha.groups,
        notifications: ha.notifications,
        requests: ha.run.stats.latencies.length,
        wallSeconds: Number((ha.run.wallMs / 1000).toFixed(1)),
        latencyMs: percentiles(ha.run.stats.latencies),
        non2xx: ha.run.stats.non2xx,
        retries: ha.run.stats.retries,
        failed: ha.run.stats.failed,
      };
    }
    log(
      `replayed in ${figures.webhook.wallSeconds} s (${figures.webhook.throughputPerSecond}/s); verifying through the API`,
    );

    const verifyStarted = performance.now();
    const result = await verify(groups, headers);
    figures.verification = {
      groups: groups.length,
      incidentsListed: result.listed,
      expectedEvents: result.expectedEvents,
      ...result.counts,
      seconds: Number(((performance.now() - verifyStarted) / 1000).toFixed(1)),
    };
    verdict.problems.push(...result.problems);

    if (DUPLICATES > 0) {
      log(
        `redelivering ${Math.min(
          DUPLICATES,
          total,
        )} notifications twice each, concurrently`,
      );
      const dup = await duplicatePhase(groups, headers, result);
      figures.duplicateDelivery = {
        sent: dup.sent,
        distinctNotifications: dup.distinct,
        wallSeconds: Number((dup.wallMs / 1000).toFixed(1)),
        throughputPerSecond: Math.round(dup.sent / (dup.wallMs / 1000)),
        latencyMs: percentiles(dup.stats.latencies),
        non2xx: dup.stats.non2xx,
        retries: dup.stats.retries,
        failed: dup.stats.failed,
        actions: dup.actions,
        incidentsChecked: dup.checked,
        incidentsChanged: dup.changed,
      };
      verdict.problems.push(...dup.problems);
    }
    verdict.ok = verdict.problems.length === 0;
  }

  if (!values['skip-list'] && INCIDENTS > 0) {
    log(
      `measuring the list API: ${DURATION} s per query at ${CONNECTIONS} connections`,
    );
    const { totalCount } = await getJson(
      `${base}/api/incidents/incidents?limit=1`,
      headers,
    );
    figures.list = {
      incidentsInDatabase: totalCount,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      queries: await measureList(headers, totalCount),
    };
  }
  figures.totalSeconds = Math.round((performance.now() - runStarted) / 1000);
  fs.writeFileSync(
    path.join(work, 'figures.json'),
    JSON.stringify(figures, null, 2),
  );

  // ---- the final block
  const out = [];
  out.push('', `== Incidents benchmark (${figures.database}, seed ${SEED}) ==`);
  out.push(
    `seed ${INCIDENTS} incidents: ${(figures.seedMs / 1000).toFixed(
      1,
    )} s   backend start: ${(figures.backendStartMs / 1000).toFixed(
      1,
    )} s   total run: ${figures.totalSeconds} s`,
  );
  if (figures.webhook) {
    const w = figures.webhook;
    const v = figures.verification;
    out.push(
      '',
      `-- Part 1: Alertmanager webhook replay (${GROUPS} groups x ${PER_GROUP}, ${CONCURRENCY} in flight)`,
    );
    out.push(
      `notifications          ${w.notifications} (${Object.entries(w.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    );
    out.push(`wall time              ${w.wallSeconds} s`);
    out.push(`throughput             ${w.throughputPerSecond} notifications/s`);
    out.push(
      `latency ms             p50 ${w.latencyMs.p50}   p95 ${w.latencyMs.p95}   p99 ${w.latencyMs.p99}   max ${w.latencyMs.max}`,
    );
    for (const [name, title] of [
      ['whileOpening', 'while opening'],
      ['afterLastOpen', 'after last open'],
    ]) {
      const ph = w.phases[name];
      out.push(
        `  ${title.padEnd(21)}${ph.notifications} in ${ph.seconds} s = ${
          ph.perSecond
        }/s; p50 ${ph.latencyMs.p50}   p95 ${ph.latencyMs.p95}   p99 ${
          ph.latencyMs.p99
        }`,
      );
    }
    out.push(
      `  p50/p95 by kind      ${Object.entries(w.latencyMsByKind)
        .map(([k, l]) => `${k} ${l.p50}/${l.p95}`)
        .join(', ')}`,
    );
    if (w.backendCpuSeconds !== undefined) {
      out.push(
        `backend CPU            ${w.backendCpuSeconds} s = ${w.backendCores} cores busy, ${w.backendCpuMsPerRequest} ms per notification`,
      );
    }
    out.push(
      `non-2xx / retries      ${JSON.stringify(w.non2xx)} / ${
        w.retries
      } retries, ${w.failed} given up`,
    );
    if (w.serverActions)
      out.push(`server-side actions    ${JSON.stringify(w.serverActions)}`);
    if (figures.haPair) {
      const h = figures.haPair;
      out.push(
        `HA pair, new groups    ${h.groups} groups, ${
          h.notifications
        } notifications sent twice at once (${h.requests} requests) in ${
          h.wallSeconds
        } s; p50 ${h.latencyMs.p50} p95 ${h.latencyMs.p95} p99 ${
          h.latencyMs.p99
        } ms; non-2xx ${JSON.stringify(h.non2xx)}, ${h.retries} retries, ${
          h.failed
        } given up`,
      );
    }
    out.push(
      `verification           ${v.incidentsListed} incidents listed for ${v.groups} groups (incl. HA); lost ${v.lost}, duplicated ${v.duplicated}, foreign ${v.foreign}`,
    );
    out.push(
      `                       ${v.expectedEvents} expected alert/status events: missing ${v.eventsMissing}, unexpected ${v.eventsUnexpected}; alert states wrong ${v.alertMismatches}; incident status wrong ${v.statusMismatches}; severity wrong ${v.severityMismatches}; webhook actions wrong ${v.actionMismatches} (${v.seconds} s)`,
    );
    if (figures.duplicateDelivery) {
      const d = figures.duplicateDelivery;
      out.push(
        `duplicate delivery     ${d.sent} requests (${
          d.distinctNotifications
        } notifications x2, ${CONCURRENCY * 2} in flight) in ${
          d.wallSeconds
        } s, ${d.throughputPerSecond}/s; p50 ${d.latencyMs.p50} p95 ${
          d.latencyMs.p95
        } p99 ${d.latencyMs.p99} ms`,
      );
      out.push(
        `                       answers ${JSON.stringify(
          d.actions,
        )}; non-2xx ${JSON.stringify(d.non2xx)}; ${d.incidentsChanged} of ${
          d.incidentsChecked
        } incidents changed`,
      );
    }
  }
  if (figures.list) {
    out.push(
      '',
      `-- Part 2: list API with ${figures.list.incidentsInDatabase} incidents (${CONNECTIONS} connections, ${DURATION} s each)`,
    );
    out.push(
      table(figures.list.queries, [
        ['query', 'query'],
        ['matching', 'matching'],
        ['rps', 'req/s'],
        ['p50', 'p50 ms'],
        ['p95', 'p95 ms'],
        ['p99', 'p99 ms'],
        ['max', 'max ms'],
        ['non2xx', 'non-2xx'],
        ['backendCores', 'backend cores'],
      ]),
    );
  }
  if (figures.webhook) {
    out.push('');
    if (verdict.ok) out.push('OK: no notification lost or duplicated');
    else {
      out.push(`MISMATCH: ${verdict.problems.length} problem(s)`);
      for (const p of verdict.problems.slice(0, 50)) out.push(`  - ${p}`);
      if (verdict.problems.length > 50)
        out.push(
          `  ... and ${
            verdict.problems.length - 50
          } more (all in ${path.relative(root, work)}/problems.txt)`,
        );
      fs.writeFileSync(
        path.join(work, 'problems.txt'),
        verdict.problems.join('\n'),
      );
    }
  }
  out.push(`(figures also in ${path.relative(root, work)}/figures.json)`);
  console.log(out.join('\n'));
  return verdict.ok ? 0 : 1;
}

main().then(
  code => {
    stopping = true;
    process.exit(code);
  },
  error => fail(error.stack ?? error.message),
);
