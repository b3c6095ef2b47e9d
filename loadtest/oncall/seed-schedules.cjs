// Seeds the on-call benchmark's data through the plugin's own code, in a
// child process of the benchmark (seed-database.mjs) because the plugin is
// TypeScript, loaded with the Backstage CLI's transform:
//   node seed-schedules.cjs '{"knex":{...},"schedules":1000,"groups":100,"layers":10,"overrides":1000,"seed":42,"now":...,"workers":1}'
// DatabaseOnCallStore.create runs the plugin's migrations as at backend
// start. Schedules (and their edits: a second version), temporary schedules
// and each group's escalation policy go through the store's own methods;
// the million overrides go in multi-row inserts, many per transaction
// (`workers` transactions at once on PostgreSQL), with the columns the
// store's createOverride writes. One schedule in 100 and its overrides are
// checked against the API's schemas, and the last schedule's versions and
// overrides are read back through the store. Prints JSON: the schedule ids
// by group and the counts.
require('@backstage/cli/config/nodeTransform.cjs');
const assert = require('node:assert/strict');
const { performance } = require('node:perf_hooks');
const knexFactory = require('knex');
const {
  createOverrideRequestSchema,
  createScheduleRequestSchema,
  createTemporaryScheduleRequestSchema,
} = require('@vigil/backstage-plugin-oncall-common');
const {
  DatabaseOnCallStore,
} = require('../../plugins/oncall-backend/src/database/DatabaseOnCallStore');

/** Overrides per transaction, and per insert statement (10 columns each). */
const BATCH = 10_000;
const ROWS_PER_INSERT = 500;

const iso = ms => new Date(ms).toISOString();

/** The row the store's createOverride writes for `override`. */
const overrideRow = (scheduleId, o) => ({
  id: o.id,
  schedule_id: scheduleId,
  start_ms: o.start,
  end_ms: o.end,
  action: o.action,
  user_ref: o.userRef,
  replaces_ref: o.replacesRef ?? null,
  note: o.note ?? null,
  created_by: o.createdBy,
  created_at: o.createdAt,
});

/** What the API would take for it: the seeded data must be valid. */
function checkSchemas(plan, overrides) {
  for (const version of plan.versions) {
    createScheduleRequestSchema.parse({ ...plan, layers: version.layers });
  }
  for (const { start, end, ...rest } of overrides) {
    createOverrideRequestSchema.parse({
      ...rest,
      start: iso(start),
      end: iso(end),
    });
  }
}

/** Creates the schedules (and edits) through the store; returns their ids in plan order. */
async function seedSchedules(store, plans) {
  const seeded = [];
  for (const plan of plans) {
    const [first, ...edits] = plan.versions;
    const common = {
      name: plan.name,
      description: plan.description,
      timeZone: plan.timeZone,
    };
    let schedule = await store.createSchedule({
      ...common,
      ownerRef: plan.ownerRef,
      layers: first.layers,
      createdBy: plan.createdBy,
      now: first.effectiveFrom,
    });
    for (const edit of edits) {
      schedule = await store.updateSchedule({
        ...common,
        id: schedule.id,
        version: schedule.version,
        layers: edit.layers,
        updatedBy: plan.createdBy,
        now: edit.effectiveFrom,
      });
    }
    seeded.push({ id: schedule.id, group: plan.group, plan });
  }
  return seeded;
}

/** A policy per group: its first schedule, then the group. */
async function seedPolicies(store, seeded, groupRef, now) {
  const firstOfGroup = new Map();
  for (const s of seeded)
    if (!firstOfGroup.has(s.group)) firstOfGroup.set(s.group, s);
  for (const [group, s] of firstOfGroup) {
    await store.createPolicy({
      ownerRef: groupRef(group),
      name: 'Bench default',
      repeat: 2,
      steps: [
        { delayMinutes: 0, targets: [{ kind: 'schedule', ref: s.id }] },
        {
          delayMinutes: 15,
          targets: [{ kind: 'group', ref: groupRef(group) }],
        },
      ],
      createdBy: s.plan.createdBy,
      now,
    });
  }
  return firstOfGroup.size;
}

/** One schedule in ten gets a temporary schedule, through the store. */
async function seedTemporarySchedules(store, seeded, rng, planTemporary, now) {
  let count = 0;
  for (const [i, s] of seeded.entries()) {
    if (i % 10 !== 5) continue;
    const temporary = planTemporary(rng, s.plan, now);
    createTemporaryScheduleRequestSchema.parse({
      ...temporary,
      start: iso(temporary.start),
      end: iso(temporary.end),
      shifts: temporary.shifts.map(f => ({
        ...f,
        start: iso(f.start),
        end: iso(f.end),
      })),
    });
    await store.createTemporarySchedule({ scheduleId: s.id, ...temporary });
    count++;
  }
  return count;
}

/** The overrides, BATCH per transaction, `workers` transactions at once. */
async function seedOverrides(db, seeded, options) {
  const { rng, perSchedule, planOverride, now, workers, log } = options;
  const total = seeded.length * perSchedule;
  let planned = 0;
  let written = 0;
  let lastPlanned = [];
  // Synchronous, so concurrent workers take disjoint batches in plan order.
  const nextBatch = () => {
    const rows = [];
    while (rows.length < BATCH && planned < total) {
      const s = seeded[Math.floor(planned / perSchedule)];
      const override = planOverride(rng, s.plan, now);
      if (planned % perSchedule === 0) lastPlanned = [];
      lastPlanned.push({ scheduleId: s.id, ...override });
      if (planned % (100 * perSchedule) < perSchedule) {
        checkSchemas(s.plan, [override]);
      }
      rows.push(overrideRow(s.id, override));
      planned++;
    }
    return rows;
  };
  const step = Math.max(BATCH, Math.ceil(total / 10 / BATCH) * BATCH);
  const worker = async () => {
    for (let rows = nextBatch(); rows.length > 0; rows = nextBatch()) {
      await db.transaction(async tx => {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          await tx('oncall_overrides').insert(
            rows.slice(i, i + ROWS_PER_INSERT),
          );
        }
      });
      written += rows.length;
      if (written % step === 0 && written < total) {
        log(`seeded ${written} of ${total} overrides`);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { written, lastPlanned };
}

/** The last schedule's versions and overrides, read back through the store. */
async function checkReadBack(store, last, overrides, now, DAY) {
  const versions = await store.getScheduleVersions(
    last.id,
    now - 500 * DAY,
    now + DAY,
  );
  assert.deepEqual(
    versions.map(v => [v.effectiveFrom, v.definition.layers]),
    last.plan.versions.map(v => [v.effectiveFrom, v.layers]),
  );
  const stored = await store.listOverrides(
    last.id,
    now - 500 * DAY,
    now + 500 * DAY,
  );
  // The store answers by start, then id; createdAt is not part of an Override.
  const byStart = (a, b) =>
    a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const expected = overrides.map(({ createdAt: _, ...override }) => override);
  assert.deepEqual(stored, expected.sort(byStart));
}

async function main() {
  const args = JSON.parse(process.argv[2]);
  const { rngFrom } = await import('../lib/random.mjs');
  const { log } = await import('../lib/report.mjs');
  const plan = await import('./seed-plan.mjs');
  const started = performance.now();
  const db = knexFactory(args.knex);
  try {
    const store = await DatabaseOnCallStore.create({
      database: { getClient: async () => db },
    });
    const rng = rngFrom(args.seed * 7919 + 11);
    const plans = Array.from({ length: args.schedules }, (_, index) =>
      plan.planSchedule(rng, {
        index,
        groups: args.groups,
        layerCount: args.layers,
        now: args.now,
      }),
    );
    const seeded = await seedSchedules(store, plans);
    const schedulesMs = performance.now() - started;
    log(`seeded ${seeded.length} schedules; now the overrides`);
    const policies = await seedPolicies(store, seeded, plan.groupRef, args.now);
    const temporarySchedules = await seedTemporarySchedules(
      store,
      seeded,
      rng,
      plan.planTemporarySchedule,
      args.now,
    );
    const overridesStarted = performance.now();
    const { written, lastPlanned } = await seedOverrides(db, seeded, {
      rng,
      perSchedule: args.overrides,
      planOverride: plan.planOverride,
      now: args.now,
      workers: args.workers,
      log,
    });
    const overridesMs = performance.now() - overridesStarted;
    await checkReadBack(store, seeded.at(-1), lastPlanned, args.now, plan.DAY);
    // PostgreSQL's autovacuum would analyze tables this size; Backstage never
    // runs ANALYZE on SQLite, so neither does the benchmark.
    if (String(args.knex.client).includes('pg')) await db.raw('analyze');
    return {
      schedules: seeded.map(s => ({ id: s.id, group: s.group })),
      edited: seeded.filter(s => s.plan.versions.length > 1).length,
      layers: seeded.length * args.layers,
      overrides: written,
      temporarySchedules,
      policies,
      schedulesMs: Math.round(schedulesMs),
      overridesMs: Math.round(overridesMs),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await db.destroy();
  }
}

main().then(
  figures => console.log(JSON.stringify(figures)),
  error => {
    console.error(error.stack ?? String(error));
    process.exitCode = 1;
  },
);
