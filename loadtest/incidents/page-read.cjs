// What an incident's page costs below HTTP: the store's page read
// (getIncidentPage, one statement) and serializing the page as the route
// sends it, each timed alone, one call at a time, on the benchmark's
// database while the backend is idle. With the Backstage floor beside it,
// it says how much of a detail request is the plugin's own work:
//   node page-read.cjs '{"knex":{...},"id":"...","seconds":5}'
// Prints JSON.
require('@backstage/cli/config/nodeTransform.cjs');
const { performance } = require('node:perf_hooks');
const knexFactory = require('knex');
const {
  DatabaseIncidentStore,
} = require('../../plugins/incidents-backend/src/database/DatabaseIncidentStore');

/** Calls `run` for `seconds` after a warm-up; returns ms per call. */
async function timePerCall(seconds, run) {
  for (let i = 0; i < 200; i++) await run();
  let calls = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    await run();
    calls++;
  }
  return { calls, msPerCall: (performance.now() - started) / calls };
}

async function main() {
  const { knex: knexConfig, id, seconds } = JSON.parse(process.argv[2]);
  const knex = knexFactory(knexConfig);
  try {
    const store = new DatabaseIncidentStore(knex);
    const page = await store.getIncidentPage(id);
    if (!page) throw new Error(`no incident ${id}`);
    const body = {
      incident: page.stored.incident,
      ownerRefs: page.stored.ownerRefs,
      timeline: page.timeline,
      alerts: page.alerts,
      ...(page.postmortem && { postmortem: page.postmortem }),
      permissions: { update: true, acknowledge: false, takeCommand: false },
    };
    const read = await timePerCall(seconds, () => store.getIncidentPage(id));
    const serialize = await timePerCall(seconds, async () =>
      JSON.stringify(body),
    );
    console.log(
      JSON.stringify({
        calls: read.calls,
        readMs: Number(read.msPerCall.toFixed(3)),
        serializeMs: Number(serialize.msPerCall.toFixed(4)),
        bodyBytes: JSON.stringify(body).length,
        timelineEntries: page.timeline.length,
      }),
    );
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
