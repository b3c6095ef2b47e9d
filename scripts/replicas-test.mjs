// The two-replica checks of scripts/smoke-production.sh, against two
// production backends on one PostgreSQL behind HAProxy (ops/haproxy/
// portal.cfg). The shell script starts them and passes where they are:
//   REPLICAS_FRONT      HAProxy's frontend (http://127.0.0.1:7007)
//   REPLICAS_STATS      HAProxy's stats (http://127.0.0.1:8405)
//   REPLICAS_A / _B     each replica's URL
//   REPLICAS_METRICS_A / _B   each replica's metrics URL
//   REPLICAS_PID_B      replica b's node process (killed in the last check)
//   REPLICAS_DB_PREFIX  the database prefix (the events bus's tables)
//   VIGIL_ALERTMANAGER_WEBHOOK_TOKEN, REPLICAS_API_TOKEN (a static token)
// Usage: node scripts/replicas-test.mjs <check>...; checks: events,
// scheduled, webhook, kill. Prints one line per result; exits 1 on the first
// failed check.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildGroups } from '../loadtest/incidents/scenarios.mjs';
import { verify } from '../loadtest/incidents/verify.mjs';
import { replay } from '../loadtest/incidents/webhook-replay.mjs';
import { haproxyServerStates, scheduledTaskRuns } from './lib/replicas.mjs';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const say = message => console.log(`replicas: ${message}`);
const fail = message => {
  console.error(`replicas: FAILED: ${message}`);
  process.exit(1);
};
const sleep = ms => new Promise(r => setTimeout(r, ms));

const front = env('REPLICAS_FRONT');
const replicaUrls = { a: env('REPLICAS_A'), b: env('REPLICAS_B') };
const apiHeaders = {
  authorization: `Bearer ${env('REPLICAS_API_TOKEN')}`,
};
const webhookToken = env('VIGIL_ALERTMANAGER_WEBHOOK_TOKEN');
// Distinct alert names per run, in case an earlier run's incidents remain.
const seed = Number(process.env.REPLICAS_SEED ?? Date.now() % 100_000);

function psql(database, sql) {
  const result = spawnSync(
    'psql',
    [
      '-h',
      process.env.POSTGRES_HOST ?? '127.0.0.1',
      '-p',
      process.env.POSTGRES_PORT ?? '5432',
      '-U',
      process.env.POSTGRES_USER ?? 'postgres',
      '-d',
      database,
      '-tAc',
      sql,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr.trim());
  return result.stdout.trim();
}

/**
 * Both replicas' signals managers subscribe to the events bus (a random
 * subscriber id each, so each receives every signal); a signal published
 * before a replica's subscription exists never reaches it. Waits for both.
 */
async function events() {
  const db = `${env('REPLICAS_DB_PREFIX')}events`;
  const started = performance.now();
  let subscribers = 0;
  while (performance.now() - started < 60_000) {
    try {
      subscribers = Number(
        psql(
          db,
          "select count(*) from event_bus_subscriptions where id like 'signals.signals-%'",
        ),
      );
    } catch {
      // the events plugin has not migrated its database yet
    }
    if (subscribers >= 2) break;
    await sleep(500);
  }
  if (subscribers < 2) {
    fail(
      `only ${subscribers} signals subscriber(s) on the events bus in ${db} after 60 s; each replica should have one`,
    );
  }
  say(
    `events bus in PostgreSQL (${db}): ${subscribers} signals subscribers, one per replica`,
  );
}

/**
 * Global scheduled tasks run once across the replicas: over a window, the
 * runs both replicas' schedulers report (Backstage's
 * backend_tasks_task_runs_count) add up to what one instance would run at
 * the task's cadence, not twice that. The smoke sets the incidents search
 * collator (global) to every 4 s for this; the incidents metrics snapshot
 * (local scope by design) runs on each replica.
 */
async function scheduled() {
  const task = process.env.REPLICAS_TASK ?? 'search_index_incident';
  const cadenceS = Number(process.env.REPLICAS_TASK_CADENCE_S ?? 4);
  const windowS = Number(process.env.REPLICAS_TASK_WINDOW_S ?? 20);
  const metrics = [env('REPLICAS_METRICS_A'), env('REPLICAS_METRICS_B')];
  const read = () => Promise.all(metrics.map(url => scheduledTaskRuns(url)));
  const before = await read();
  await sleep(windowS * 1000);
  const after = await read();
  const runs = after.map(
    (m, i) => (m.get(task) ?? 0) - (before[i].get(task) ?? 0),
  );
  const total = runs[0] + runs[1];
  const once = Math.ceil(windowS / cadenceS);
  if (total < 1)
    fail(`${task} did not run in ${windowS} s (runs a/b: ${runs})`);
  // At most one more than one instance's count (a run at each edge of the
  // window); both replicas running it would come to about 2 × once.
  if (total > once + 1) {
    fail(
      `${task} ran ${total} times in ${windowS} s across the replicas (a ${
        runs[0]
      }, b ${runs[1]}); every ${cadenceS} s once would be at most ${once + 1}`,
    );
  }
  const local = after.map(
    (m, i) =>
      (m.get('incidents-metrics-snapshot') ?? 0) -
      (before[i].get('incidents-metrics-snapshot') ?? 0),
  );
  say(
    `scheduled work once across replicas: ${task} (global, every ${cadenceS} s) ran ${total} times in ${windowS} s (a ${
      runs[0]
    }, b ${runs[1]}); at most ${once + 1} expected, about ${
      2 * once
    } if both ran it`,
  );
  say(
    `local-scope task incidents-metrics-snapshot runs on each replica (runs a/b so far: ${after
      .map(m => m.get('incidents-metrics-snapshot') ?? 0)
      .join('/')}, ${local.join('/')} in the window)`,
  );
}

/**
 * Forgets the rate limiter's client buckets in Redis: the test's webhook
 * posts come from 127.0.0.1 and count in its users' bucket too, which the
 * verification's reads (from the same address) must not find used up.
 */
function resetRateLimits() {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const keys = spawnSync(
    'redis-cli',
    ['-u', url, '--scan', '--pattern', 'rl:*'],
    {
      encoding: 'utf8',
    },
  )
    .stdout.split('\n')
    .filter(Boolean);
  if (keys.length > 0) spawnSync('redis-cli', ['-u', url, 'del', ...keys]);
}

/** Every alert group of the run, for one verification at the end. */
const allGroups = [];

/**
 * Every group through HAProxy: one incident each, every alert and event
 * once; fails naming the first problems. `extra`: the counts this check
 * also holds to zero besides lost, doubled, missing and unexpected.
 */
async function verifyThroughFront(groups, label, extra) {
  resetRateLimits();
  const result = await verify(
    { base: front, concurrency: 8 },
    groups,
    apiHeaders,
  );
  const c = result.counts;
  const keys = [
    'lost',
    'duplicated',
    'eventsMissing',
    'eventsUnexpected',
    'alertMismatches',
    ...extra,
  ];
  if (keys.some(key => c[key] > 0)) {
    fail(
      `${label}: ${JSON.stringify(c)}; ${result.problems
        .slice(0, 5)
        .join('; ')}`,
    );
  }
  return result;
}

/**
 * Both replicas receive every notification at the same moment (each copy
 * straight to one replica, as two Alertmanagers of an HA pair would post
 * through two load balancers): each group still opens exactly one incident,
 * each alert is attached once.
 */
async function webhook() {
  const groupCount = Number(process.env.REPLICAS_WEBHOOK_GROUPS ?? 40);
  const groups = buildGroups(seed, 6, Date.now(), 0, groupCount);
  allGroups.push(...groups);
  let copy = 0;
  // Each pair's two copies go to a and b in turn (replay sends a pair's
  // copies one after the other in the same tick).
  const cfg = {
    webhookToken,
    seed,
    get base() {
      return replicaUrls[copy++ % 2 === 0 ? 'a' : 'b'];
    },
  };
  const { stats, wallMs } = await replay(cfg, groups, 8, true);
  const notifications = groups.reduce((s, g) => s + g.notifications.length, 0);
  if (stats.failed > 0) {
    fail(
      `${stats.failed} webhook deliveries failed: ${JSON.stringify(
        stats.non2xx,
      )}`,
    );
  }
  const result = await verifyThroughFront(groups, 'webhook across replicas', [
    'actionMismatches',
    'foreign',
  ]);
  const c = result.counts;
  say(
    `webhook idempotent across replicas: ${notifications} notifications of ${groupCount} groups, each posted to a and b at once (${
      stats.latencies.length
    } requests in ${(wallMs / 1000).toFixed(1)} s): ${
      result.listed
    } incidents, one per group, ${result.expectedEvents} events each once`,
  );
}

/**
 * A burst through HAProxy, replica b SIGKILLed when a third of it is sent;
 * the sender retries like Alertmanager (5xx, connection errors). Nothing
 * lost or doubled, and HAProxy marks b DOWN within seconds (measured from the
 * kill to the first stats read that says DOWN).
 */
async function kill() {
  const stats = env('REPLICAS_STATS');
  const pid = Number(env('REPLICAS_PID_B'));
  const groupCount = Number(process.env.REPLICAS_BURST_GROUPS ?? 60);
  const groups = buildGroups(seed, 8, Date.now(), 10_000, groupCount);
  allGroups.push(...groups);
  const total = groups.reduce((s, g) => s + g.notifications.length, 0);
  const states = await haproxyServerStates(stats);
  if (states.a !== 'UP' || states.b !== 'UP') {
    fail(
      `both replicas should be UP before the kill: ${JSON.stringify(states)}`,
    );
  }
  let sent = 0;
  let killedAt;
  let downAfterMs;
  let watching;
  const killAt = Math.floor(total / 3);
  const cfg = {
    webhookToken,
    seed,
    get base() {
      if (++sent === killAt) {
        process.kill(pid, 'SIGKILL');
        killedAt = performance.now();
        watching = (async () => {
          while (performance.now() - killedAt < 30_000) {
            const s = await haproxyServerStates(stats).catch(() => ({}));
            if (s.b?.startsWith('DOWN')) {
              downAfterMs = performance.now() - killedAt;
              return;
            }
            await sleep(50);
          }
        })();
      }
      return front;
    },
  };
  const { stats: sendStats, wallMs } = await replay(cfg, groups, 16, false);
  await watching;
  if (killedAt === undefined)
    fail('the burst ended before replica b was killed');
  if (downAfterMs === undefined)
    fail('HAProxy did not mark replica b DOWN within 30 s of its SIGKILL');
  if (sendStats.failed > 0) {
    fail(
      `${sendStats.failed} notifications were never accepted: ${JSON.stringify(
        sendStats.non2xx,
      )}`,
    );
  }
  // c.foreign is not counted: the groups of the webhook check when it ran in
  // another process of this script (verified there); a group of this burst
  // with a second incident shows as duplicated, not foreign.
  const result = await verifyThroughFront(allGroups, 'after the kill', [
    'statusMismatches',
  ]);
  const c = result.counts;
  const retried = Object.entries(sendStats.non2xx)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  say(
    `SIGKILL of replica b after ${killAt} of ${total} notifications: HAProxy marked it DOWN ${(
      downAfterMs / 1000
    ).toFixed(1)} s later; burst done in ${(wallMs / 1000).toFixed(1)} s, ${
      sendStats.retries
    } sender retries${retried ? ` (${retried})` : ''}`,
  );
  say(
    `nothing lost or doubled: ${result.listed} incidents for ${allGroups.length} groups, ${result.expectedEvents} events each once` +
      (c.actionMismatches > 0
        ? ` (${c.actionMismatches} answers differ from a first delivery: requests b had done before dying, retried on a)`
        : ''),
  );
}

const checks = { events, scheduled, webhook, kill };
for (const name of process.argv.slice(2)) {
  if (!checks[name])
    fail(`unknown check ${name}; one of ${Object.keys(checks).join(', ')}`);
  await checks[name]();
}
