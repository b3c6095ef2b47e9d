// Part 1, HA Alertmanager pair: `--ha-groups` more groups, each of their
// notifications sent twice at the same moment (both peers of an HA pair
// whose gossip lags, the first notification included).
import { log } from '../lib/report.mjs';
import { percentiles, seconds } from '../lib/stats.mjs';
import { buildGroups } from './scenarios.mjs';
import { replay } from './webhook-replay.mjs';

/** Replays the HA groups (after the `--groups` ones); returns them and the figures. */
export async function replayHaPair(cfg, t0) {
  const groups = buildGroups(
    cfg.seed,
    cfg.perGroup,
    t0,
    cfg.groups,
    cfg.haGroups,
  );
  const notifications = groups.reduce(
    (sum, g) => sum + g.notifications.length,
    0,
  );
  log(
    `HA pair: ${cfg.haGroups} new groups, each of their ${notifications} notifications sent twice at once`,
  );
  const { stats, wallMs } = await replay(cfg, groups, cfg.concurrency, true);
  return {
    groups,
    figures: {
      groups: cfg.haGroups,
      notifications,
      requests: stats.latencies.length,
      wallSeconds: seconds(wallMs),
      latencyMs: percentiles(stats.latencies),
      non2xx: stats.non2xx,
      retries: stats.retries,
      failed: stats.failed,
    },
  };
}
