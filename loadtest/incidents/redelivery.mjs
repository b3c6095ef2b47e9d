// Part 1, redelivery: `--duplicates` random delivered notifications sent
// again twice each, all concurrently. Every answer must be `unchanged`, and no
// incident's version, timeline, status or alerts may change.
import { performance } from 'node:perf_hooks';
import { getJson } from '../lib/http.mjs';
import { pool } from '../lib/load.mjs';
import { rngFrom, shuffle } from '../lib/random.mjs';
import { log } from '../lib/report.mjs';
import { percentiles, perSecond, seconds } from '../lib/stats.mjs';
import { fetchDetails } from './verify.mjs';
import { deliver, newStats } from './webhook-replay.mjs';

function snapshotOf(detail) {
  return JSON.stringify({
    version: detail.incident.version,
    status: detail.incident.status,
    timeline: detail.timeline.map(e => e.id),
    alerts: detail.alerts,
  });
}

/** Redelivers a sample of delivered notifications, each twice at once (an HA pair), all concurrently. */
async function duplicatePhase(cfg, groups, headers, before) {
  const rng = rngFrom(cfg.seed * 17 + 3);
  const all = groups.flatMap(g =>
    g.notifications.map(n => ({ group: g, body: n.body })),
  );
  const sample = [];
  const size = Math.min(cfg.duplicates, all.length);
  const taken = new Set();
  while (sample.length < size) {
    const i = Math.floor(rng() * all.length);
    if (taken.has(i)) continue;
    taken.add(i);
    sample.push(all[i]);
  }
  const sends = shuffle(
    rng,
    sample.flatMap(item => [item, item]),
  );
  const stats = newStats();
  const actions = {};
  const problems = [];
  const started = performance.now();
  await pool(sends, cfg.concurrency * 2, async item => {
    const result = await deliver(cfg, item.body, stats);
    const action = result.ok ? result.json.action : `HTTP ${result.status}`;
    actions[action] = (actions[action] ?? 0) + 1;
    if (action !== 'unchanged') {
      problems.push(
        `${item.group.expected.name}: a redelivered notification answered ${action}, expected unchanged`,
      );
    }
  });
  const wallMs = performance.now() - started;
  const affected = [...new Set(sample.map(s => s.group))];
  const idOf = new Map();
  for (const [id, d] of before.details) idOf.set(d.incident.alertGroupKey, id);
  const ids = affected.map(g => idOf.get(g.groupKey)).filter(Boolean);
  const after = await fetchDetails(cfg, ids, headers);
  let changed = 0;
  for (const id of ids) {
    if (snapshotOf(after.get(id)) !== snapshotOf(before.details.get(id))) {
      changed++;
      const b = before.details.get(id);
      const a = after.get(id);
      problems.push(
        `incident ${id} (${a.incident.title}) changed: version ${b.incident.version}→${a.incident.version}, timeline ${b.timeline.length}→${a.timeline.length} events, status ${b.incident.status}→${a.incident.status}`,
      );
    }
  }
  const { totalCount } = await getJson(
    `${cfg.base}/api/incidents/incidents?q=Bench&status=all&limit=1`,
    headers,
  );
  if (totalCount !== before.totalCount) {
    problems.push(
      `the benchmark's incidents went from ${before.totalCount} to ${totalCount}`,
    );
  }
  return {
    sent: sends.length,
    distinct: sample.length,
    stats,
    wallMs,
    actions,
    checked: ids.length,
    changed,
    totalCount,
    problems,
  };
}

/**
 * Redelivers after `before` (the check's result); returns the figures and
 * the problems found.
 */
export async function redeliver(cfg, groups, headers, before, total) {
  log(
    `redelivering ${Math.min(
      cfg.duplicates,
      total,
    )} notifications twice each, concurrently`,
  );
  const dup = await duplicatePhase(cfg, groups, headers, before);
  return {
    problems: dup.problems,
    figures: {
      sent: dup.sent,
      distinctNotifications: dup.distinct,
      wallSeconds: seconds(dup.wallMs),
      throughputPerSecond: perSecond(dup.sent, dup.wallMs),
      latencyMs: percentiles(dup.stats.latencies),
      non2xx: dup.stats.non2xx,
      retries: dup.stats.retries,
      failed: dup.stats.failed,
      actions: dup.actions,
      incidentsChecked: dup.checked,
      incidentsChanged: dup.changed,
    },
  };
}
