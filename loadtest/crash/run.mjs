// The crash benchmark from start to end: an empty database, the backend
// under the launcher's Supervisor, the burst with a SIGKILL in it, the
// supervisor's restart, the check through the API, the final block.
// Returns the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Supervisor } from '../../scripts/lib/supervisor.mjs';
import { backendProcess } from '../lib/backend.mjs';
import { freshDir, root } from '../lib/process.mjs';
import { log, writeJson } from '../lib/report.mjs';
import { seconds } from '../lib/stats.mjs';
import { waitForIncidentsApi, writeConfig } from '../incidents/backend.mjs';
import { MINUTE } from '../incidents/options.mjs';
import { buildGroups } from '../incidents/scenarios.mjs';
import { dropDatabases, seedDatabase } from '../incidents/seed-database.mjs';
import { verify } from '../incidents/verify.mjs';
import { replay } from '../incidents/webhook-replay.mjs';
import { fail } from './options.mjs';
import { crashAfter } from './outage.mjs';
import { formatReport } from './report.mjs';
import { tally } from './tally.mjs';

/** The backend as the launcher runs it: a service of the Supervisor. */
function backendService(cfg, configFile) {
  return {
    name: 'backend',
    ...backendProcess(cfg.work, {
      configFile,
      requires: ['./src/instrumentation.js'],
      env: {
        VIGIL_BACKEND_METRICS_PORT: String(cfg.ports.metrics),
        VIGIL_ALERTMANAGER_WEBHOOK_TOKEN: cfg.webhookToken,
      },
    }),
    ports: [cfg.ports.backend, cfg.ports.metrics],
    ready: `${cfg.base}/.backstage/health/v1/readiness`,
    live: `${cfg.base}/.backstage/health/v1/liveness`,
    fatal: /Backend failed to start|Failed to start plugin/i,
  };
}

export async function run(cfg) {
  const runStarted = performance.now();
  freshDir(cfg.work);
  log(`an empty ${cfg.database} database with the incidents plugin's tables`);
  await seedDatabase(cfg, 0);
  const configFile = writeConfig(cfg);

  const supervisor = new Supervisor({
    cwd: root,
    logDir: cfg.work,
    prefix: 'crash-benchmark',
    // Progress lines go to stderr like the other benchmarks'.
    print: line => log(line),
    printError: line => log(line),
  });
  const stopped = supervisor.done;
  supervisor.on('give-up', () => {
    stopped.then(() => fail('the supervisor gave up on the backend'));
  });
  process.on('exit', () => supervisor.killAll());

  log(`starting the backend under the supervisor on :${cfg.ports.backend}`);
  const startBegan = performance.now();
  if (!(await supervisor.start(backendService(cfg, configFile)))) {
    await stopped;
    return fail(
      `the backend did not start (log in ${path.relative(root, cfg.work)})`,
    );
  }
  await waitForIncidentsApi(cfg, { fail });
  const backendStartMs = Math.round(performance.now() - startBegan);
  log(
    `backend ready in ${backendStartMs} ms (PID ${supervisor.pid('backend')})`,
  );

  const t0 = Date.now() - 12 * 60 * MINUTE;
  const groups = buildGroups(cfg.seed, cfg.perGroup, t0, 0, cfg.groups);
  const total = groups.reduce((sum, g) => sum + g.notifications.length, 0);
  const killAfter = Math.max(1, Math.round(total * cfg.killAt));
  const crash = crashAfter(killAfter, { supervisor, cfg });
  log(
    `replaying ${total} notifications of ${cfg.groups} groups, ${cfg.concurrency} in flight; SIGKILL after ${killAfter} delivered`,
  );
  const replayStarted = performance.now();
  const { stats, wallMs } = await replay(cfg, groups, cfg.concurrency, false, {
    onDelivered: crash.onDelivered,
  });
  await crash.done;
  const outage = crash.figures();
  log(`replayed in ${seconds(wallMs)} s; verifying through the API`);

  // A fresh token from the restarted backend.
  const headers = await waitForIncidentsApi(cfg, { fail });
  const result = await verify(cfg, groups, headers);
  const counted = tally(groups, result);
  const figures = {
    database: cfg.database,
    options: {
      groups: cfg.groups,
      perGroup: cfg.perGroup,
      concurrency: cfg.concurrency,
      killAt: cfg.killAt,
      retryForSeconds: cfg.retryFor,
      seed: cfg.seed,
    },
    backendStartMs,
    notifications: total,
    outage: {
      ...outage,
      killAtSecondsIntoBurst:
        outage.killAtMs === undefined
          ? undefined
          : seconds(outage.killAtMs - replayStarted),
      killAtMs: undefined,
      restarts: supervisor.restarts('backend'),
    },
    delivery: {
      delivered:
        stats.latencies.length -
        Object.values(stats.non2xx).reduce((a, b) => a + b, 0),
      failed: stats.failed,
      retries: stats.retries,
      non2xx: stats.non2xx,
      wallSeconds: seconds(wallMs),
    },
    ...counted.figures,
    totalSeconds: Math.round((performance.now() - runStarted) / 1000),
  };
  const problems = [...counted.problems];
  if (stats.failed > 0)
    problems.push(
      `${stats.failed} notification(s) never delivered (the sender gave up)`,
    );
  if (!outage.restartedPid) problems.push('the backend was not restarted');

  await supervisor.stop(0);
  if (cfg.postgres) await dropDatabases(cfg);
  writeJson(path.join(cfg.work, 'figures.json'), figures);
  if (problems.length > 0)
    fs.writeFileSync(path.join(cfg.work, 'problems.txt'), problems.join('\n'));
  console.log(formatReport(cfg, figures, problems).join('\n'));
  return problems.length === 0 ? 0 : 1;
}
