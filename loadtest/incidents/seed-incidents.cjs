// Seeds part 2's incidents through the plugin's own code, in a child process
// of the benchmark (seed-database.mjs) because the plugin is TypeScript,
// loaded with the Backstage CLI's transform:
//   node seed-incidents.cjs '{"knex":{...},"count":100000,"seed":42,"now":...,"workers":1}'
// DatabaseIncidentStore.create runs the plugin's migrations as at backend
// start; each plan (seed-data.mjs) is carried out with the domain functions
// (seed-lifecycle.cjs) and stored with the store's insertIncident and
// insertPostmortem, many incidents per transaction (`workers` transactions
// at once on PostgreSQL). One incident in 100 is checked against the
// API's schemas, and the last one is read back through the store. Prints
// the counts as JSON.
require('@backstage/cli/config/nodeTransform.cjs');
const assert = require('node:assert/strict');
const { performance } = require('node:perf_hooks');
const knexFactory = require('knex');
const {
  incidentSchema,
  postmortemSchema,
  timelineEventSchema,
} = require('@vigil/backstage-plugin-incidents-common');
const backend = '../../plugins/incidents-backend/src/database';
const { DatabaseIncidentStore } = require(`${backend}/DatabaseIncidentStore`);
const {
  insertIncident,
} = require(`${backend}/operations/incidents/writeIncident`);
const {
  insertPostmortem,
} = require(`${backend}/operations/postmortems/createPostmortem`);
const { carryOut } = require('./seed-lifecycle.cjs');

/** Incidents per transaction. */
const BATCH = 500;

/** What the API would answer for it: the seeded data must be valid. */
function checkSchemas(seeded) {
  incidentSchema.parse(seeded.stored.incident);
  for (const event of seeded.events) timelineEventSchema.parse(event);
  if (seeded.postmortem) postmortemSchema.parse(seeded.postmortem);
}

/** Reads `seeded` back through the store: it must be what was written. */
async function checkReadBack(store, seeded) {
  const { id } = seeded.stored.incident;
  assert.deepEqual(await store.getIncident(id), seeded.stored);
  const timeline = (await store.getTimeline(id)).map(
    ({ id: _entry, ...event }) => event,
  );
  assert.deepEqual(timeline, seeded.events);
  if (seeded.postmortem) {
    assert.deepEqual(
      await store.getPostmortemByIncident(id),
      seeded.postmortem,
    );
  }
}

async function main() {
  const {
    knex: knexConfig,
    count,
    seed,
    now,
    workers,
  } = JSON.parse(process.argv[2]);
  const { rngFrom } = await import('../lib/random.mjs');
  const { log } = await import('../lib/report.mjs');
  const { planIncident } = await import('./seed-data.mjs');
  const started = performance.now();
  const db = knexFactory(knexConfig);
  try {
    const store = await DatabaseIncidentStore.create({
      database: { getClient: async () => db },
    });
    const rng = rngFrom(seed * 7919 + 1);
    const totals = { incidents: 0, events: 0, postmortems: 0, actionItems: 0 };
    let planned = 0;
    let last;
    // Synchronous, so concurrent workers take disjoint batches in plan order.
    const nextBatch = () => {
      const batch = [];
      while (batch.length < BATCH && planned < count) {
        const seeded = carryOut(planIncident(rng, now));
        if (planned % 100 === 0) checkSchemas(seeded);
        batch.push(seeded);
        planned++;
      }
      return batch;
    };
    const step = Math.max(BATCH, Math.ceil(count / 10 / BATCH) * BATCH);
    const worker = async () => {
      for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
        await db.transaction(async tx => {
          for (const seeded of batch) {
            await insertIncident(tx, seeded.stored, seeded.events);
            if (seeded.postmortem) {
              await insertPostmortem(
                tx,
                seeded.postmortem,
                seeded.postmortemBy,
              );
            }
          }
        });
        for (const seeded of batch) {
          totals.events += seeded.events.length;
          totals.postmortems += seeded.postmortem ? 1 : 0;
          totals.actionItems += seeded.postmortem?.actionItems.length ?? 0;
        }
        totals.incidents += batch.length;
        last = batch[batch.length - 1];
        if (totals.incidents % step === 0 && totals.incidents < count) {
          log(`seeded ${totals.incidents} of ${count} incidents`);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    if (last) await checkReadBack(store, last);
    // PostgreSQL's autovacuum would analyze tables this size; Backstage never
    // runs ANALYZE on SQLite, so neither does the benchmark.
    if (String(knexConfig.client).includes('pg')) await db.raw('analyze');
    console.log(
      JSON.stringify({
        ...totals,
        ms: Math.round(performance.now() - started),
      }),
    );
  } finally {
    await db.destroy();
  }
}

main().catch(error => {
  console.error(error.stack ?? String(error));
  process.exitCode = 1;
});
