// The time to compute a final timeline below HTTP: for each sampled
// schedule, its versions, overrides and temporary schedules of [now, now +
// days) (and of the past `days`, which spans the seeded edits) are read
// through the plugin's store (timed), then oncall-common's finalTimeline is
// timed over them, one call at a time, after warm-up passes (a serving
// backend's functions are optimized by then too). Runs on the seeded
// database before the backend starts:
//   node final-timeline.cjs '{"knex":{...},"scheduleIds":[...],"now":...,"days":90}'
// Prints JSON.
require('@backstage/cli/config/nodeTransform.cjs');
const { performance } = require('node:perf_hooks');
const knexFactory = require('knex');
const { finalTimeline } = require('@vigil/backstage-plugin-oncall-common');
const {
  DatabaseOnCallStore,
} = require('../../plugins/oncall-backend/src/database/DatabaseOnCallStore');

const DAY = 86_400_000;
/** Timed calls per schedule; its median counts (one GC pause is not the function's). */
const CALLS = 3;

async function readInput(store, scheduleId, from, to) {
  const [versions, overrides, temporarySchedules] = await Promise.all([
    store.getScheduleVersions(scheduleId, from, to),
    store.listOverrides(scheduleId, from, to),
    store.listTemporarySchedules(scheduleId, from, to),
  ]);
  return { versions, overrides, temporarySchedules, from, to };
}

function timeCall(input) {
  const times = [];
  let segments;
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    segments = finalTimeline(input);
    times.push(performance.now() - started);
  }
  return { ms: times.sort((a, b) => a - b)[CALLS >> 1], segments };
}

/** Reads then times each schedule's final timeline of [from, to). */
async function measureRange(store, scheduleIds, from, to) {
  const { percentiles } = await import('../lib/stats.mjs');
  const inputs = [];
  const readMs = [];
  for (const id of scheduleIds) {
    const started = performance.now();
    inputs.push(await readInput(store, id, from, to));
    readMs.push(performance.now() - started);
  }
  // Warm-up: the function optimized, as in a backend that has served a while.
  for (let round = 0; round < 3; round++) {
    for (const input of inputs) finalTimeline(input);
  }
  const computeMs = [];
  const segments = [];
  let gaps = 0;
  for (const input of inputs) {
    const timed = timeCall(input);
    computeMs.push(timed.ms);
    segments.push(timed.segments.length);
    gaps += timed.segments.filter(s => s.gap).length;
  }
  return {
    computeMs: percentiles(computeMs, 2),
    readMs: percentiles(readMs, 2),
    overridesInRange: percentiles(
      inputs.map(i => i.overrides.length),
      0,
    ),
    segments: percentiles(segments, 0),
    gapSegments: gaps,
    withTwoVersions: inputs.filter(i => i.versions.length > 1).length,
    withTemporarySchedules: inputs.filter(i => i.temporarySchedules.length > 0)
      .length,
  };
}

async function main() {
  const {
    knex: knexConfig,
    scheduleIds,
    now,
    days,
  } = JSON.parse(process.argv[2]);
  const db = knexFactory(knexConfig);
  try {
    const store = await DatabaseOnCallStore.create({
      database: { getClient: async () => db },
      skipMigrations: true,
    });
    const ranges = [
      ['next', now, now + days * DAY],
      // Spans the seeded edits: the past is computed from the old versions.
      ['past', now - days * DAY, now],
    ];
    const figures = { schedules: scheduleIds.length, days };
    for (const [name, from, to] of ranges) {
      figures[name] = await measureRange(store, scheduleIds, from, to);
    }
    return figures;
  } finally {
    await db.destroy();
  }
}

main().then(
  figures => console.log(JSON.stringify(figures)),
  error => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
