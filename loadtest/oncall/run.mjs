// The on-call benchmark from start to end: seed, the final timeline in
// process (the backend not started yet, so the machine is idle), start the
// backend, who is on call and the timeline over HTTP, stop it, then the
// ceiling and the floor at the same settings, and the final block.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureBackstageFloor } from '../lib/backstage-floor.mjs';
import { measureBareNodeCeiling } from '../lib/ceiling.mjs';
import { freshDir } from '../lib/process.mjs';
import { rngFrom, shuffle } from '../lib/random.mjs';
import { log, writeJson } from '../lib/report.mjs';
import { startOnCallBackend } from './backend.mjs';
import { measureHttp } from './http-load.mjs';
import { fail, optionsOf } from './options.mjs';
import { formatReport } from './report.mjs';
import {
  oncallDatabase,
  runOnCallScript,
  seedOnCallDatabase,
} from './seed-database.mjs';

/** Runs every step; prints the final block. */
export async function run(cfg) {
  const startedAt = performance.now();
  freshDir(cfg.work);
  const figures = {
    database: cfg.postgres ? 'postgres' : 'sqlite',
    options: optionsOf(cfg),
  };

  log(
    `seeding ${cfg.schedules} schedules x ${cfg.layers} layers, ${cfg.overrides} overrides each, into ${figures.database}`,
  );
  const { seeded, seedMs } = await seedOnCallDatabase(cfg, Date.now());
  figures.seedMs = seedMs;
  figures.seeded = {
    schedules: seeded.schedules.length,
    groups: new Set(seeded.schedules.map(s => s.group)).size,
    ...Object.fromEntries(
      Object.entries(seeded).filter(([key]) => key !== 'schedules'),
    ),
  };

  const sample = shuffle(
    rngFrom(cfg.seed * 13 + 7),
    seeded.schedules.map(s => s.id),
  ).slice(0, cfg.timelineSamples);
  log(
    `timing ${cfg.days}-day final timelines of ${sample.length} schedules in process`,
  );
  figures.finalTimeline = await runOnCallScript('final-timeline.cjs', {
    knex: oncallDatabase(cfg),
    scheduleIds: sample,
    now: Date.now(),
    days: cfg.days,
  });

  log(`starting the backend on :${cfg.ports.backend}`);
  const backend = await startOnCallBackend(cfg);
  figures.backendStartMs = backend.startMs;
  log(`backend ready in ${backend.startMs} ms`);
  const http = await measureHttp(cfg, backend, seeded);
  figures.sample = http.sample;
  figures.http = http.rows;
  figures.backendPeakRssMb = backend.peakRssMb();
  // Idle, it would still take CPU (scheduled tasks) from the comparisons.
  await backend.stop();
  // Kept should a comparison fail.
  writeJson(path.join(cfg.work, 'figures.json'), figures);

  log('measuring a bare Node http server for comparison');
  figures.bareNodeCeiling = await measureBareNodeCeiling({
    connections: cfg.connections,
    duration: cfg.duration,
  });
  log('measuring the Backstage floor (routes that do no work) for comparison');
  figures.backstageFloor = await measureBackstageFloor({
    connections: cfg.connections,
    duration: cfg.duration,
    port: cfg.ports.floor,
    metricsPort: cfg.ports.floorMetrics,
    work: freshDir(path.join(cfg.work, 'floor')),
    fail,
  });
  figures.totalSeconds = Math.round((performance.now() - startedAt) / 1000);
  writeJson(path.join(cfg.work, 'figures.json'), figures);
  console.log(formatReport(cfg, figures).join('\n'));
}
