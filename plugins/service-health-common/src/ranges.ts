/**
 * The time ranges the Health tab offers and the Prometheus step and rate
 * window each is queried with.
 */

/**
 * The ranges a health view can show, shortest first.
 * @public
 */
export const HEALTH_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;

/** @public */
export type HealthRange = (typeof HEALTH_RANGES)[number];

/** @public */
export const DEFAULT_HEALTH_RANGE: HealthRange = '1h';

/** How one range is queried. @public */
export interface RangeQueryPlan {
  range: HealthRange;
  /** The range's length in seconds. */
  rangeSeconds: number;
  /** Seconds between two points: 60 to 360 points per series. */
  stepSeconds: number;
  /**
   * The window of `rate()`, as a Prometheus duration: at least a minute
   * (four scrapes at the usual 15 s interval, so a missed scrape leaves no
   * gap) and two steps, so no sample between two points is skipped.
   */
  rateWindow: string;
}

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

// Steps are "round" durations people read on an axis; 60 to 360 points per
// series stay well under Prometheus' 11 000 and draw smoothly at any width.
const PLANS: Record<
  HealthRange,
  { rangeSeconds: number; stepSeconds: number }
> = {
  '15m': { rangeSeconds: 15 * MINUTE, stepSeconds: 15 },
  '1h': { rangeSeconds: HOUR, stepSeconds: 30 },
  '6h': { rangeSeconds: 6 * HOUR, stepSeconds: 2 * MINUTE },
  '24h': { rangeSeconds: DAY, stepSeconds: 5 * MINUTE },
  '7d': { rangeSeconds: 7 * DAY, stepSeconds: 30 * MINUTE },
  '30d': { rangeSeconds: 30 * DAY, stepSeconds: 2 * HOUR },
};

/** Whether a value is one of {@link HEALTH_RANGES}. @public */
export function isHealthRange(value: unknown): value is HealthRange {
  return (
    typeof value === 'string' &&
    (HEALTH_RANGES as readonly string[]).includes(value)
  );
}

/** Seconds as the shortest Prometheus duration that says them ("90s" stays "90s"). @public */
export function prometheusDuration(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY}d`;
  if (seconds % HOUR === 0) return `${seconds / HOUR}h`;
  if (seconds % MINUTE === 0) return `${seconds / MINUTE}m`;
  return `${seconds}s`;
}

/**
 * The step and rate window a range is queried with.
 * @public
 */
export function planRange(range: HealthRange): RangeQueryPlan {
  const { rangeSeconds, stepSeconds } = PLANS[range];
  return {
    range,
    rangeSeconds,
    stepSeconds,
    rateWindow: prometheusDuration(Math.max(MINUTE, 2 * stepSeconds)),
  };
}

/**
 * The range's end aligned down to its step, so every caller in the same
 * step asks Prometheus the same question (and the cache can answer it).
 * @public
 */
export function alignedWindow(
  range: HealthRange,
  nowMs: number,
): { startSeconds: number; endSeconds: number; stepSeconds: number } {
  const { rangeSeconds, stepSeconds } = planRange(range);
  const endSeconds = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  return { startSeconds: endSeconds - rangeSeconds, endSeconds, stepSeconds };
}
