// Part 1, webhook replay: every group's notifications in order, groups
// interleaved, `--concurrency` in flight, posted like Alertmanager posts them
// (keep-alive connections; 5xx and connection errors retried).
import { performance } from 'node:perf_hooks';
import { keepAliveAgent, postText } from '../lib/http.mjs';
import { sleep } from '../lib/process.mjs';
import { rngFrom } from '../lib/random.mjs';
import { log } from '../lib/report.mjs';
import { cpuFigures, percentiles, perSecond, seconds } from '../lib/stats.mjs';
import { backendCpuSeconds, scrapeServerCounters } from './backend.mjs';
import { buildGroups } from './scenarios.mjs';

// Keep-alive connections, as Alertmanager's Go client keeps them. (The global
// fetch's pool left bursts of requests queued client-side for seconds here,
// which the latency figures then charged to the backend.)
const webhookAgent = keepAliveAgent(256);

/** POSTs `body` to the webhook and reads the whole answer. */
const postWebhook = (cfg, body) =>
  postText(`${cfg.base}/api/incidents/alertmanager/webhook`, body, {
    agent: webhookAgent,
    headers: {
      authorization: `Bearer ${cfg.webhookToken}`,
      'content-type': 'application/json',
    },
  });

/**
 * Posts like Alertmanager: 5xx and connection errors retried with backoff,
 * 4xx not. Gives up after 10 retries, or with `cfg.retryForMs` once that long
 * has passed since the first attempt (Alertmanager keeps retrying until the
 * notification's timeout: a backend restarting after a crash takes longer
 * than 10 quick retries).
 */
export async function deliver(cfg, body, stats) {
  const first = performance.now();
  for (let attempt = 0; ; attempt++) {
    const began = performance.now();
    let status;
    let json;
    try {
      const res = await postWebhook(cfg, body);
      status = res.status;
      const text = res.text;
      try {
        json = JSON.parse(text);
      } catch {
        json = { body: text.slice(0, 200) };
      }
    } catch (error) {
      status = `error ${error.code ?? error.cause?.code ?? error.message}`;
    }
    const ms = performance.now() - began;
    stats.latencies.push(ms);
    if (typeof status === 'number' && status >= 200 && status < 300)
      return { ok: true, json, ms };
    stats.non2xx[status] = (stats.non2xx[status] ?? 0) + 1;
    const retryable =
      typeof status !== 'number' || status >= 500 || status === 429;
    const exhausted =
      cfg.retryForMs === undefined
        ? attempt >= 10
        : performance.now() - first >= cfg.retryForMs;
    if (!retryable || exhausted) {
      stats.failed++;
      return { ok: false, status, json };
    }
    stats.retries++;
    await sleep(Math.min(2000, 50 * 2 ** attempt));
  }
}

export const newStats = () => ({
  latencies: [],
  byKind: {},
  done: [],
  non2xx: {},
  retries: 0,
  failed: 0,
});

/**
 * Every group's notifications in order, `concurrency` requests in flight,
 * groups interleaved at random. With `pairs`, each notification is sent twice
 * at once, as both peers of an HA Alertmanager pair do when their gossip lags.
 * `onDelivered(result)` is called for each 2xx answer as it arrives (the
 * crash benchmark kills the backend after a number of them).
 */
export async function replay(
  cfg,
  groups,
  concurrency,
  pairs = false,
  { onDelivered } = {},
) {
  const rng = rngFrom(cfg.seed * 31 + 7);
  const stats = newStats();
  const ready = groups.filter(g => g.notifications.length > 0);
  let remaining = ready.reduce((sum, g) => sum + g.notifications.length, 0);
  let wake;
  const started = performance.now();
  await Promise.all(
    Array.from(
      {
        length: pairs ? Math.max(1, Math.floor(concurrency / 2)) : concurrency,
      },
      async () => {
        while (remaining > 0) {
          if (ready.length === 0) {
            await new Promise(resolve => {
              const previous = wake;
              wake = () => {
                previous?.();
                resolve();
              };
            });
            continue;
          }
          const index = Math.floor(rng() * ready.length);
          const group = ready[index];
          ready[index] = ready[ready.length - 1];
          ready.pop();
          const notification = group.notifications[group.next++];
          const results = await Promise.all(
            Array.from({ length: pairs ? 2 : 1 }, () =>
              deliver(cfg, notification.body, stats),
            ),
          );
          remaining--;
          for (const r of results) {
            if (!r.ok) continue;
            onDelivered?.(r);
            (stats.byKind[notification.kind] ??= []).push(r.ms);
            stats.done.push([
              performance.now() - started,
              notification.kind,
              r.ms,
            ]);
          }
          group.actions.push({
            expected: notification.expectAction,
            kind: notification.kind,
            got: results.map(r => (r.ok ? r.json?.action : `HTTP ${r.status}`)),
          });
          for (const result of results) {
            if (result.json?.incidentId)
              group.incidentIds.add(result.json.incidentId);
          }
          if (group.next < group.notifications.length) ready.push(group);
          const w = wake;
          wake = undefined;
          w?.();
        }
        const w = wake;
        wake = undefined;
        w?.();
      },
    ),
  );
  return { stats, wallMs: performance.now() - started };
}

/**
 * Splits the replay at the moment the last incident was opened: opening
 * costs more than updating (the notification fan-out), and it slows every
 * request in flight, whatever its kind.
 */
export function phases(stats, wallMs) {
  const lastOpen = Math.max(
    0,
    ...stats.done.filter(([, kind]) => kind === 'open').map(([t]) => t),
  );
  const part = (rows, seconds) => ({
    notifications: rows.length,
    seconds: Number(seconds.toFixed(1)),
    perSecond: seconds > 0 ? Math.round(rows.length / seconds) : 0,
    latencyMs: percentiles(rows.map(([, , ms]) => ms)),
  });
  return {
    whileOpening: part(
      stats.done.filter(([t]) => t <= lastOpen),
      lastOpen / 1000,
    ),
    afterLastOpen: part(
      stats.done.filter(([t]) => t > lastOpen),
      (wallMs - lastOpen) / 1000,
    ),
  };
}

/**
 * Replays `--groups` groups from `t0`; returns them (with what each webhook
 * answer was) and the figures of the replay.
 */
export async function replayWebhooks(cfg, t0) {
  const { groups: count, perGroup, concurrency } = cfg;
  const groups = buildGroups(cfg.seed, perGroup, t0, 0, count);
  const total = groups.reduce((sum, g) => sum + g.notifications.length, 0);
  const kinds = {};
  for (const g of groups)
    for (const n of g.notifications) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
  log(
    `replaying ${total} notifications of ${count} groups, ${concurrency} in flight`,
  );
  const countersBefore = await scrapeServerCounters(cfg);
  const cpuBefore = backendCpuSeconds();
  const { stats, wallMs } = await replay(cfg, groups, concurrency);
  const cpuAfter = backendCpuSeconds();
  const countersAfter = await scrapeServerCounters(cfg);
  const figures = {
    notifications: total,
    kinds,
    wallSeconds: seconds(wallMs),
    throughputPerSecond: perSecond(total, wallMs),
    latencyMs: percentiles(stats.latencies),
    latencyMsByKind: Object.fromEntries(
      Object.entries(stats.byKind).map(([k, l]) => [k, percentiles(l)]),
    ),
    phases: phases(stats, wallMs),
    ...cpuFigures(cpuBefore, cpuAfter, wallMs, stats.latencies.length),
    requests: stats.latencies.length,
    non2xx: stats.non2xx,
    retries: stats.retries,
    failed: stats.failed,
    ...(countersAfter
      ? {
          serverActions: Object.fromEntries(
            Object.entries(countersAfter).map(([k, v]) => [
              k,
              v - (countersBefore?.[k] ?? 0),
            ]),
          ),
        }
      : {}),
  };
  return { groups, figures };
}
