// The final block of the on-call benchmark: the figures as text, same
// names and units run after run so results stay comparable.
import path from 'node:path';
import { formatFloor } from '../lib/backstage-floor.mjs';
import { root } from '../lib/process.mjs';
import { table } from '../lib/report.mjs';

const HTTP_COLUMNS = [
  ['query', 'query'],
  ['connections', 'conns'],
  ['requests', 'requests'],
  ['rps', 'req/s'],
  ...['p50', 'p95', 'p99', 'max'].map(p => [p, `${p} ms`]),
  ['non2xx', 'non-2xx'],
  ['errors', 'errors'],
  ['backendCores', 'backend cores'],
];

const ms = value => (value / 1000).toFixed(1);

function finalTimelineLines(cfg, inProcess) {
  const lines = [];
  for (const [key, title] of [
    ['next', `now -> now+${cfg.days}d`],
    ['past', `now-${cfg.days}d -> now (spans edits)`],
  ]) {
    const f = inProcess[key];
    if (!f) continue;
    lines.push(
      `  ${title.padEnd(34)}compute p50/p95/p99/max ${f.computeMs.p50}/${
        f.computeMs.p95
      }/${f.computeMs.p99}/${f.computeMs.max} ms; store read p50/p95 ${
        f.readMs.p50
      }/${f.readMs.p95} ms; overrides in range p50 ${
        f.overridesInRange.p50
      } (max ${f.overridesInRange.max}); segments p50 ${f.segments.p50}; ${
        f.withTwoVersions
      } with two versions, ${
        f.withTemporarySchedules
      } with a temporary schedule`,
    );
  }
  return lines;
}

/** The final block's lines. */
export function formatReport(cfg, figures) {
  const s = figures.seeded;
  const out = [
    '',
    `== On-call benchmark (${figures.database}, seed ${cfg.seed}) ==`,
    `seeded ${s.schedules} schedules of ${s.groups} groups (${
      s.layers
    } layers, ${s.edited} edited), ${s.overrides} overrides, ${
      s.temporarySchedules
    } temporary schedules: ${ms(figures.seedMs)} s (overrides ${ms(
      s.overridesMs,
    )} s)`,
    `backend start: ${ms(figures.backendStartMs)} s   total run: ${
      figures.totalSeconds
    } s`,
  ];
  const p = figures.sample;
  out.push(
    `sample of 20 schedules now: ${p.onCall} with someone on call, ${p.gaps} gaps, ${p.withNext} with a next; schedules per group: ${p.schedulesPerGroup}; a ${cfg.days}-day timeline: ${p.timelineSegments} segments, ${p.timelineOverrides} overrides, ${p.timelineBytes} bytes`,
    '',
    `-- HTTP (${cfg.duration} s each)`,
    table(figures.http, HTTP_COLUMNS),
    '',
    `-- ${cfg.days}-day final timeline in process (finalTimeline over ${figures.finalTimeline.schedules} schedules, median of 3 calls each)`,
    ...finalTimelineLines(cfg, figures.finalTimeline),
  );
  const bare = figures.bareNodeCeiling;
  out.push(
    '',
    `bare Node http server   ${bare.rps} req/s, p50/p95/p99 ${bare.latencyMs.p50}/${bare.latencyMs.p95}/${bare.latencyMs.p99} ms (same connections and duration: the machine's ceiling)`,
    'Backstage floor (a route that does no work, same settings):',
    ...formatFloor(figures.backstageFloor).map(line => `  ${line}`),
  );
  if (figures.backendPeakRssMb !== undefined) {
    out.push(`backend peak RSS        ${figures.backendPeakRssMb} MiB`);
  }
  out.push(`(figures also in ${path.relative(root, cfg.work)}/figures.json)`);
  return out;
}
