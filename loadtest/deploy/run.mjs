// The deploy benchmark from start to end: its own HAProxy (ops/haproxy's
// config on free ports) and scoring API instances through the deploy CLI's
// modules, steady load at a fixed rate, a blue-green deploy, a rollback,
// and the failed requests and latency of each window.
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, sleep } from '../lib/process.mjs';
import { log, printJson, table, writeJson } from '../lib/report.mjs';
import {
  WINDOW_COLUMNS,
  around,
  windowFigures,
  windowRow,
} from './windows.mjs';

// The deploy CLI is TypeScript: load it through Backstage's transform, as
// its bin/vigil-deploy does.
const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const cli = path.join(root, 'packages/deploy-cli/src');
const { deploy, down, rollback, up } = require(`${cli}/api.ts`);
const { startRealProxy } = require(`${cli}/testUtils/realProxy.ts`);
const { startScoringLoad } = require(`${cli}/drill/load.ts`);

/** The recorded step `name` of a deploy's result, as epoch ms. */
function stepOf(result, name) {
  const step = result.recorder?.snapshot().steps.findLast(s => s.name === name);
  if (!step?.finishedAt) {
    throw new Error(
      `the ${name} step did not finish (${result.outcome}: ${result.message})`,
    );
  }
  return {
    startedAt: Date.parse(step.startedAt),
    finishedAt: Date.parse(step.finishedAt),
  };
}

/** Runs every step; prints the final block. */
export async function run(cfg) {
  log('starting HAProxy (ops/haproxy/haproxy.cfg on free ports)');
  const proxy = await startRealProxy({
    instanceEnv: cfg.redis ? { SCORING_REDIS_URL: cfg.redis } : {},
  });
  // The deploy steps' progress lines, as the CLI prints them.
  proxy.ctx.log = line => log(`  ${line.trim()}`);
  let load;
  let stopping;
  const stopEverything = () => {
    stopping ??= (async () => {
      if (load) await load.stop().catch(() => undefined);
      log('stopping the instances and HAProxy');
      await down(proxy.ctx).catch(error => log(`down: ${error.message}`));
      await proxy.stop();
    })();
    return stopping;
  };
  // Ctrl-C or SIGTERM: the instances run detached and would outlive us.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () =>
      stopEverything().finally(() => process.exit(code)),
    );
  }
  try {
    log(`building the working tree and starting blue (${proxy.frontendUrl})`);
    await up(proxy.ctx);

    log(
      `steady load: ${cfg.rate} requests/s over ${cfg.connections} connections, ${cfg.steady} s before the deploy`,
    );
    const loadStartedAt = Date.now();
    load = startScoringLoad({
      url: proxy.frontendUrl,
      rate: cfg.rate,
      connections: cfg.connections,
    });
    await sleep(cfg.steady * 1000);

    log(`deploy: the working tree to green, watch ${cfg.watch} s`);
    const deployStartedAt = Date.now();
    const deployed = await deploy(proxy.ctx, {
      watchSeconds: cfg.watch,
      watchIntervalSeconds: 1,
    });
    const deployFinishedAt = Date.now();
    if (deployed.outcome !== 'succeeded') {
      throw new Error(`the deploy did not succeed: ${deployed.message}`);
    }
    await sleep(cfg.settle * 1000);

    log('rollback: back to the release live before');
    const rollbackStartedAt = Date.now();
    const rolledBack = await rollback(proxy.ctx, { reason: 'benchmark' });
    const rollbackFinishedAt = Date.now();
    if (rolledBack.outcome !== 'succeeded') {
      throw new Error(`the rollback did not succeed: ${rolledBack.message}`);
    }
    await sleep(cfg.settle * 1000);
    const summary = await load.stop();
    load = undefined;

    const margin = cfg.margin * 1000;
    const windows = [
      // The first seconds warm connections and the JIT up.
      { name: 'steady state', from: loadStartedAt + 2000, to: deployStartedAt },
      around('switch (deploy)', stepOf(deployed, 'switch'), margin),
      around(
        'whole deploy',
        { startedAt: deployStartedAt, finishedAt: deployFinishedAt },
        margin,
      ),
      around('switch (rollback)', stepOf(rolledBack, 'switch'), margin),
      around(
        'whole rollback',
        { startedAt: rollbackStartedAt, finishedAt: rollbackFinishedAt },
        margin,
      ),
      {
        name: 'whole run',
        from: summary.startedAt,
        to: summary.stoppedAt + 1,
      },
    ].map(w => windowFigures(summary.outcomes, w));

    const figures = {
      options: cfg,
      release: deployed.release?.version,
      deploy: {
        switchMs:
          stepOf(deployed, 'switch').finishedAt -
          stepOf(deployed, 'switch').startedAt,
        wallMs: deployFinishedAt - deployStartedAt,
      },
      rollback: {
        switchMs:
          stepOf(rolledBack, 'switch').finishedAt -
          stepOf(rolledBack, 'switch').startedAt,
        wallMs: rollbackFinishedAt - rollbackStartedAt,
      },
      sent: summary.sent,
      answered: summary.outcomes.length,
      unanswered: summary.unanswered,
      windows,
    };
    writeJson(path.join(cfg.work, 'figures.json'), figures);
    printJson(figures);
    console.log(
      `\n${table(windows.map(windowRow), WINDOW_COLUMNS)}\n\n` +
        `failed = non-2xx answers + connection errors + timeouts; latency of every answer; ` +
        `windows around a switch are its step +- ${cfg.margin} s.\n` +
        `${summary.unanswered} request(s) sent but not answered when the load stopped: in flight then (at most one per connection, ${cfg.connections}); more would be requests a closed connection dropped.`,
    );
  } finally {
    await stopEverything();
  }
}
