import type { DeploymentRecord } from './records';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * The parts of a record the timing text needs.
 * @public
 */
export type TimedDeployment = Pick<
  DeploymentRecord,
  'kind' | 'outcome' | 'release' | 'startedAt' | 'trafficSwitchedAt'
>;

/**
 * When a record's release met users: the moment traffic switched to it, or
 * (not switched yet, or never) the moment the deploy started.
 * @public
 */
export function deployTakenAt(deploy: TimedDeployment): number {
  const switched = deploy.trafficSwitchedAt
    ? Date.parse(deploy.trafficSwitchedAt)
    : NaN;
  return Number.isFinite(switched) ? switched : Date.parse(deploy.startedAt);
}

/**
 * `v1.4.2`, `v0.1.0+3f2a1bc`: a version as people write it.
 * @public
 */
export function formatVersion(version: string): string {
  return /^v\d/i.test(version) ? version : `v${version}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A duration in the two largest whole units that matter to someone reading
 * an incident: `less than a minute`, `12 minutes`, `2 hours 5 minutes`,
 * `3 days 4 hours`.
 * @public
 */
export function formatApproximateDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return 'less than a minute';
  if (abs < HOUR_MS) return plural(Math.floor(abs / MINUTE_MS), 'minute');
  if (abs < DAY_MS) {
    const hours = Math.floor(abs / HOUR_MS);
    const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
    return minutes
      ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`
      : plural(hours, 'hour');
  }
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
  return hours
    ? `${plural(days, 'day')} ${plural(hours, 'hour')}`
    : plural(days, 'day');
}

/** What happened, in the past tense, for the record's kind and outcome. */
function whatHappened(deploy: TimedDeployment): string {
  const version = formatVersion(deploy.release.version);
  switch (deploy.kind) {
    case 'rollback':
      return deploy.outcome === 'in_progress'
        ? `rolling back to ${version} started`
        : `rolled back to ${version}`;
    case 'drill':
      return `rollback drill released ${version}`;
    default:
      switch (deploy.outcome) {
        case 'in_progress':
          return `deploy of ${version} started`;
        case 'failed':
          // Stopped before traffic moved, or in an unknown state: it was
          // tried, not necessarily live.
          return deploy.trafficSwitchedAt
            ? `deployed ${version} (failed)`
            : `deploy of ${version} failed`;
        case 'rolled_back':
          return `deployed ${version} (rolled back)`;
        default:
          return `deployed ${version}`;
      }
  }
}

/**
 * "deployed v1.4.2 12 minutes before the alert": a deploy (rollback, drill)
 * relative to a moment in question, e.g. an alert or an incident's start.
 * The deploy's time is when it took traffic, else when it started.
 * @public
 */
export function describeDeployTiming(
  deploy: TimedDeployment,
  at: string | number | Date,
  options: {
    /** What `at` is, as it reads after "before"/"after". */
    event?: string;
  } = {},
): string {
  const event = options.event ?? 'the alert';
  const atMs = new Date(at).getTime();
  const deltaMs = atMs - deployTakenAt(deploy);
  const what = whatHappened(deploy);
  if (!Number.isFinite(deltaMs)) return what;
  // A deploy at the very moment counts as before: it may be the cause.
  return `${what} ${formatApproximateDuration(deltaMs)} ${
    deltaMs >= 0 ? 'before' : 'after'
  } ${event}`;
}
