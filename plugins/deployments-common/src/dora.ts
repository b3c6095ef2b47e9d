import type { DeploymentRecord, DoraFigures } from './records';

/**
 * The longest window the figures are asked for (the API's `days` bound).
 * @public
 */
export const MAX_DORA_DAYS = 365;
/**
 * The window when none is asked for.
 * @public
 */
export const DEFAULT_DORA_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * The step of a deploy record during which traffic went back to the old colour.
 * @public
 */
export const ROLLBACK_STEP = 'rollback';

/**
 * The window the figures cover: the `days` days up to `to` (epoch ms).
 * @public
 */
export interface DoraWindow {
  entityRef: string;
  /** End of the window (epoch ms), usually now. */
  to: number;
  days: number;
}

const ms = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso);

/**
 * The median of `values` (the mean of the middle two for an even count); null when empty.
 * @public
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * When traffic was healthy again after a release that took traffic went
 * bad: the end of its rollback step (traffic back on the old colour), else
 * the record's end. Undefined when it did not roll itself back.
 */
function restoredAtOf(record: DeploymentRecord): number | undefined {
  if (record.outcome !== 'rolled_back') return undefined;
  const rollbackStep = record.steps.find(
    step =>
      step.name === ROLLBACK_STEP &&
      step.status === 'succeeded' &&
      step.finishedAt !== undefined,
  );
  return ms(rollbackStep?.finishedAt) ?? ms(record.finishedAt);
}

/** When a manual rollback (or a later good deploy) put healthy traffic back. */
function restoringTime(record: DeploymentRecord): number | undefined {
  if (record.outcome !== 'succeeded') return undefined;
  return ms(record.trafficSwitchedAt) ?? ms(record.finishedAt);
}

/**
 * DORA-style figures of one entity over a window, from its deployment
 * records (any order; other entities' records and drills are ignored).
 *
 * - A deployment is a `deploy` record that took traffic (`trafficSwitchedAt`)
 *   inside the window; deployment frequency is their count per day.
 * - A change failed when its record ended `rolled_back` or `failed` after
 *   taking traffic, or when a `rollback` by hand took traffic away from it
 *   (the next record that took traffic is a succeeded rollback).
 * - Time to restore runs from the failed release taking traffic to healthy
 *   traffic again: the end of its own rollback step (or its end), else the
 *   next succeeded rollback or deploy taking traffic; the median is given.
 * - Lead time runs from the release's commit to it taking traffic (median,
 *   of releases whose commit time is known; a commit "after" the switch,
 *   clock skew, counts as 0).
 * @public
 */
export function doraFigures(
  records: readonly DeploymentRecord[],
  window: DoraWindow,
): DoraFigures {
  const to = window.to;
  const from = to - window.days * DAY_MS;
  // What took traffic, in order: deploys and rollbacks by hand, never drills.
  const tookTraffic = records
    .filter(
      r =>
        r.entityRef === window.entityRef &&
        r.kind !== 'drill' &&
        r.trafficSwitchedAt !== undefined,
    )
    .map(r => ({ record: r, at: Date.parse(r.trafficSwitchedAt!) }))
    .sort((a, b) => a.at - b.at);

  let deployments = 0;
  let failures = 0;
  const restoreTimes: number[] = [];
  const leadTimes: number[] = [];
  tookTraffic.forEach(({ record, at }, index) => {
    if (record.kind !== 'deploy' || at < from || at >= to) return;
    deployments += 1;
    const commitTime = ms(record.release.commitTime);
    if (commitTime !== undefined) leadTimes.push(Math.max(0, at - commitTime));

    const next = tookTraffic[index + 1]?.record;
    const rolledBackByHand =
      record.outcome === 'succeeded' &&
      next?.kind === 'rollback' &&
      next.outcome === 'succeeded';
    if (
      record.outcome !== 'rolled_back' &&
      record.outcome !== 'failed' &&
      !rolledBackByHand
    ) {
      return;
    }
    failures += 1;
    const restoredAt =
      restoredAtOf(record) ??
      tookTraffic
        .slice(index + 1)
        .map(later => restoringTime(later.record))
        .find(time => time !== undefined);
    if (restoredAt !== undefined) {
      restoreTimes.push(Math.max(0, restoredAt - at));
    }
  });

  return {
    entityRef: window.entityRef,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: window.days,
    deployments,
    deploymentFrequencyPerDay: deployments / window.days,
    changeFailureRate: deployments > 0 ? failures / deployments : null,
    timeToRestoreMs: median(restoreTimes),
    leadTimeMs: median(leadTimes),
  };
}
