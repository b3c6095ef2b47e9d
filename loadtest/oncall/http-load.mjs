// Who is on call and the final timeline over HTTP, under autocannon: each
// request names a random seeded schedule or group (deterministic from
// --seed), so the figures are not one schedule's cached pages.
import { performance } from 'node:perf_hooks';
import { getJson } from '../lib/http.mjs';
import { runAutocannon } from '../lib/load.mjs';
import { rngFrom, pick } from '../lib/random.mjs';
import { log } from '../lib/report.mjs';
import { cpuFigures, percentiles } from '../lib/stats.mjs';
import { DAY, groupRef } from './seed-plan.mjs';

const API = '/api/oncall';

/** The query kinds: a name, and the path of one request from `rng`. */
function queries(cfg, seeded, now) {
  const ids = seeded.schedules.map(s => s.id);
  const groups = [...new Set(seeded.schedules.map(s => s.group))];
  // A fixed range, so every request of a run asks the same 90 days.
  const from = new Date(Math.floor(now / 60_000) * 60_000);
  const to = new Date(from.getTime() + cfg.days * DAY);
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
  return {
    schedule: rng => `${API}/schedules/${pick(rng, ids)}/on-call`,
    group: rng =>
      `${API}/on-call?groupRef=${encodeURIComponent(
        groupRef(pick(rng, groups)),
      )}`,
    timeline: rng => `${API}/schedules/${pick(rng, ids)}/timeline?${range}`,
  };
}

/**
 * autocannon for --duration s at `connections`, each request's path from
 * `pathOf`; one row of figures.
 */
async function measure(cfg, backend, { name, pathOf, connections, seed }) {
  const rng = rngFrom(seed);
  const cpuBefore = backend.cpuSeconds();
  const started = performance.now();
  const { result, latencies } = await runAutocannon({
    url: cfg.base,
    headers: backend.headers,
    connections,
    duration: cfg.duration,
    requests: [
      {
        method: 'GET',
        setupRequest: request => ({ ...request, path: pathOf(rng) }),
      },
    ],
  });
  const row = {
    query: name,
    connections,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    ...percentiles(latencies),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ...cpuFigures(
      cpuBefore,
      backend.cpuSeconds(),
      performance.now() - started,
      result.requests.total,
    ),
  };
  log(
    `${name} at ${connections}: p50/p95/p99 ${row.p50}/${row.p95}/${row.p99} ms, ${row.rps} req/s`,
  );
  return row;
}

/**
 * A sequential look at a sample before the load: every answer is read and
 * checked for its shape, and counted (someone on call or a gap, segments).
 */
async function probe(cfg, headers, paths) {
  const sample = { schedules: 0, onCall: 0, gaps: 0, withNext: 0 };
  const rng = rngFrom(cfg.seed + 1);
  for (let i = 0; i < 20; i++) {
    const answer = await getJson(`${cfg.base}${paths.schedule(rng)}`, headers);
    if (!Array.isArray(answer.userRefs)) {
      throw new Error(
        `on-call answer without userRefs: ${JSON.stringify(answer)}`,
      );
    }
    sample.schedules++;
    if (answer.userRefs.length > 0) sample.onCall++;
    else sample.gaps++;
    if (answer.next) sample.withNext++;
  }
  const group = await getJson(`${cfg.base}${paths.group(rng)}`, headers);
  sample.schedulesPerGroup = group.schedules.length;
  const timeline = await getJson(`${cfg.base}${paths.timeline(rng)}`, headers);
  sample.timelineSegments = timeline.final.length;
  sample.timelineOverrides = timeline.overrides.length;
  sample.timelineBytes = JSON.stringify(timeline).length;
  return sample;
}

/** Every HTTP measurement; returns the sample and the rows. */
export async function measureHttp(cfg, backend, seeded) {
  const paths = queries(cfg, seeded, Date.now());
  const sample = await probe(cfg, backend.headers, paths);
  log(`sample: ${JSON.stringify(sample)}`);
  const runs = [
    ['on-call of a schedule', paths.schedule, cfg.connections],
    ['on-call of a group', paths.group, cfg.connections],
    [`${cfg.days}-day timeline`, paths.timeline, 1],
    [`${cfg.days}-day timeline`, paths.timeline, cfg.timelineConnections],
  ];
  const rows = [];
  for (const [index, [name, pathOf, connections]] of runs.entries()) {
    if (connections < 1) continue;
    rows.push(
      await measure(cfg, backend, {
        name,
        pathOf,
        connections,
        seed: cfg.seed * 31 + index,
      }),
    );
  }
  return { sample, rows };
}
