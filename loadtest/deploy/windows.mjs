// The deploy benchmark's figures: the load's outcomes cut into windows
// (steady state, around a switch, around a rollback), each with its failed
// requests and latency percentiles. Pure.
import { percentiles } from '../lib/stats.mjs';

/**
 * The window around a step of the deploy: from `marginMs` before it started
 * to `marginMs` after it finished (requests already queued when it started,
 * or still draining after it, are the ones a switch could drop).
 */
export const around = (name, step, marginMs) => ({
  name,
  from: step.startedAt - marginMs,
  to: step.finishedAt + marginMs,
});

/**
 * Figures of the outcomes ({at, ok, status, latencyMs}) whose `at` is in
 * [from, to): requests, failed (non-2xx answers, connection errors and
 * timeouts), failures by status (0: no answer), latency p50/p95/p99/max of
 * the answered ones, in ms.
 */
export function windowFigures(outcomes, { name, from, to }) {
  const inside = outcomes.filter(o => o.at >= from && o.at < to);
  const failed = inside.filter(o => !o.ok);
  const byStatus = {};
  for (const { status } of failed)
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  return {
    window: name,
    seconds: Number(((to - from) / 1000).toFixed(1)),
    requests: inside.length,
    failed: failed.length,
    failedByStatus: byStatus,
    latencyMs: percentiles(
      inside.filter(o => o.status !== 0).map(o => o.latencyMs),
      1,
    ),
  };
}

/** One row per window for `table` (lib/report.mjs). */
export const windowRow = figures => ({
  window: figures.window,
  seconds: figures.seconds,
  requests: figures.requests,
  failed: figures.failed,
  p50: figures.latencyMs.p50,
  p95: figures.latencyMs.p95,
  p99: figures.latencyMs.p99,
  max: figures.latencyMs.max,
});

export const WINDOW_COLUMNS = [
  ['window', 'window'],
  ['seconds', 's'],
  ['requests', 'requests'],
  ['failed', 'failed'],
  ['p50', 'p50 ms'],
  ['p95', 'p95 ms'],
  ['p99', 'p99 ms'],
  ['max', 'max ms'],
];
