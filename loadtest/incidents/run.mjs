// The incidents benchmark from start to end: seed, start the backend, part 1
// (webhook replay, HA pair, loss/duplication check, redelivery), part 2 (list
// API), then the final block. Returns the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freshDir } from '../lib/process.mjs';
import { log, writeJson } from '../lib/report.mjs';
import { seconds } from '../lib/stats.mjs';
import {
  backendPeakRssMb,
  startIncidentsBackend,
  writeConfig,
} from './backend.mjs';
import { measureBackstageFloor } from '../lib/backstage-floor.mjs';
import { measureBareNodeCeiling } from '../lib/ceiling.mjs';
import { replayHaPair } from './ha-pair.mjs';
import { measureListApi } from './list-api.mjs';
import { fail, MINUTE } from './options.mjs';
import { redeliver } from './redelivery.mjs';
import { formatReport } from './report.mjs';
import { seedDatabase } from './seed-database.mjs';
import { verify } from './verify.mjs';
import { replayWebhooks } from './webhook-replay.mjs';

export async function run(cfg) {
  const runStarted = performance.now();
  freshDir(cfg.work);
  const figures = {
    database: cfg.postgres ? 'postgres' : 'sqlite',
    options: {
      groups: cfg.groups,
      perGroup: cfg.perGroup,
      concurrency: cfg.concurrency,
      haGroups: cfg.haGroups,
      duplicates: cfg.duplicates,
      incidents: cfg.incidents,
      duration: cfg.duration,
      connections: cfg.connections,
      seed: cfg.seed,
    },
  };

  log(
    `seeding ${cfg.incidents} incidents into the ${figures.database} database`,
  );
  figures.seedMs = await seedDatabase(cfg, cfg.incidents);
  log(
    `seeded in ${figures.seedMs} ms; starting the backend on :${cfg.ports.backend}`,
  );
  const configFile = writeConfig(cfg);
  const { headers, startMs } = await startIncidentsBackend(cfg, configFile);
  figures.backendStartMs = startMs;
  log(`backend ready in ${startMs} ms`);

  const verdict = { ok: true, problems: [] };
  if (!cfg.skipWebhook && cfg.groups > 0 && cfg.perGroup > 0) {
    const t0 = Date.now() - 12 * 60 * MINUTE;
    const replayed = await replayWebhooks(cfg, t0);
    const groups = replayed.groups;
    const total = replayed.figures.notifications;
    let ha;
    if (cfg.haGroups > 0) {
      ha = await replayHaPair(cfg, t0);
      groups.push(...ha.groups);
    }
    figures.webhook = replayed.figures;
    if (ha) figures.haPair = ha.figures;
    log(
      `replayed in ${figures.webhook.wallSeconds} s (${figures.webhook.throughputPerSecond}/s); verifying through the API`,
    );

    const verifyStarted = performance.now();
    const result = await verify(cfg, groups, headers);
    figures.verification = {
      groups: groups.length,
      incidentsListed: result.listed,
      expectedEvents: result.expectedEvents,
      ...result.counts,
      seconds: seconds(performance.now() - verifyStarted),
    };
    verdict.problems.push(...result.problems);

    if (cfg.duplicates > 0) {
      const dup = await redeliver(cfg, groups, headers, result, total);
      figures.duplicateDelivery = dup.figures;
      verdict.problems.push(...dup.problems);
    }
    verdict.ok = verdict.problems.length === 0;
  }

  if (!cfg.skipList && cfg.incidents > 0) {
    figures.list = await measureListApi(cfg, headers);
    log('measuring a bare Node http server for comparison');
    figures.list.bareNodeCeiling = await measureBareNodeCeiling({
      connections: cfg.connections,
      duration: cfg.duration,
    });
    log(
      'measuring the Backstage floor (routes that do no work) for comparison',
    );
    figures.list.backstageFloor = await measureBackstageFloor({
      connections: cfg.connections,
      duration: cfg.duration,
      port: cfg.ports.floor,
      metricsPort: cfg.ports.floorMetrics,
      work: freshDir(path.join(cfg.work, 'floor')),
      fail,
    });
  }
  figures.backendPeakRssMb = backendPeakRssMb();
  figures.totalSeconds = Math.round((performance.now() - runStarted) / 1000);
  writeJson(path.join(cfg.work, 'figures.json'), figures);

  if (figures.webhook && !verdict.ok) {
    fs.writeFileSync(
      path.join(cfg.work, 'problems.txt'),
      verdict.problems.join('\n'),
    );
  }
  console.log(formatReport(cfg, figures, verdict).join('\n'));
  return verdict.ok ? 0 : 1;
}
