/**
 * Scales and axis ticks of the budget burn-down chart, kept pure so the
 * extreme cases (a budget overspent 200 times, one evaluation, a few minutes
 * of history) are tested without rendering.
 *
 * A linear map sends the domain [min, max] to the pixel range [start, end]
 * (for the y axis `start` is the bottom, so it is the larger number).
 */
import { DateTime } from 'luxon';

export interface PixelRange {
  /** Pixel of the domain's minimum. */
  start: number;
  /** Pixel of the domain's maximum. */
  end: number;
}

export interface AxisTick {
  value: number;
  label: string;
  /** Pixel along the axis. */
  position: number;
  /** Where the label is anchored: the tick, or the chart's edge near it. */
  labelPosition: number;
  /** How the label is anchored at `labelPosition`. */
  anchor: 'start' | 'middle' | 'end';
}

export interface Axis {
  domain: [number, number];
  ticks: AxisTick[];
  scale: (value: number) => number;
}

function linear(domain: [number, number], range: PixelRange) {
  const [min, max] = domain;
  const span = max - min || 1;
  return (value: number) =>
    range.start + ((value - min) / span) * (range.end - range.start);
}

function extent(values: readonly number[]): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : undefined;
}

/** 1, 2, 2.5 and 5 times a power of ten. */
const NICE_MULTIPLIERS = [1, 2, 2.5, 5];

/** Removes float noise (0.30000000000000004) and negative zero. */
function clean(value: number): number {
  return Number(value.toPrecision(12)) || 0;
}

/**
 * The nice step values (multiples of a 1/2/2.5/5 × 10^k step) inside
 * [min, max], with the smallest step that gives at most `maxTicks` ticks at
 * least `minGapPx` apart. Zero is a multiple of every step, so it is a tick
 * whenever the domain contains it.
 */
export function niceTicks(
  min: number,
  max: number,
  options: { maxTicks: number; minGapPx: number; lengthPx: number },
): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) {
    return Number.isFinite(min) ? [clean(min)] : [];
  }
  const span = max - min;
  const maxTicks = Math.max(2, Math.floor(options.maxTicks));
  let exponent = Math.floor(Math.log10(span / maxTicks));
  for (let tries = 0; tries < 40; tries++, exponent++) {
    for (const multiplier of NICE_MULTIPLIERS) {
      const step = multiplier * 10 ** exponent;
      const first = Math.ceil(clean(min / step));
      const last = Math.floor(clean(max / step));
      const count = last - first + 1;
      const gapPx = (step / span) * Math.abs(options.lengthPx);
      if (count <= maxTicks && gapPx >= options.minGapPx) {
        return Array.from({ length: Math.max(count, 0) }, (_, i) =>
          clean((first + i) * step),
        );
      }
    }
  }
  return [clean(min), clean(max)];
}

/**
 * Labels for the values with the fewest decimals that show each exactly
 * (so they are distinct), e.g. ["0%", "50%", "100%"], ["0.0%", "2.5%"] or
 * ["-20,000%", "-10,000%", "0%"].
 */
export function percentLabels(fractions: readonly number[]): string[] {
  const percents = fractions.map(fraction => clean(fraction * 100));
  const exactWith = (digits: number) =>
    percents.every(
      percent =>
        Math.abs(Number(percent.toFixed(digits)) - percent) <=
        1e-9 * Math.max(1, Math.abs(percent)),
    );
  let decimals = 0;
  while (decimals < 6 && !exactWith(decimals)) decimals++;
  return percents.map(
    percent =>
      `${(Number(percent.toFixed(decimals)) || 0).toLocaleString('en-US', {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      })}%`,
  );
}

/**
 * The y axis of the budget chart: from the lowest budget (or 0, whichever is
 * lower) to the highest (or 100%, whichever is higher), so an overspent
 * budget is drawn where it is and 0% (budget spent) is always a tick.
 * Labels are at least `minGapPx` apart so they never overlap.
 */
export function budgetAxis(
  budgets: readonly number[],
  range: PixelRange,
  options: { minGapPx?: number; maxTicks?: number } = {},
): Axis {
  const { minGapPx = 16, maxTicks = 6 } = options;
  const [dataMin, dataMax] = extent(budgets) ?? [0, 1];
  const domain: [number, number] = [Math.min(0, dataMin), Math.max(1, dataMax)];
  const scale = linear(domain, range);
  const values = niceTicks(domain[0], domain[1], {
    maxTicks,
    minGapPx,
    lengthPx: range.end - range.start,
  });
  const labels = percentLabels(values);
  return {
    domain,
    scale,
    ticks: values.map((value, i) => ({
      value,
      label: labels[i],
      position: scale(value),
      labelPosition: scale(value),
      anchor: 'end',
    })),
  };
}

type TimeUnit = 'second' | 'minute' | 'hour' | 'day';

interface TimeStep {
  unit: TimeUnit;
  count: number;
}

/** Candidate time steps, finest first. */
const TIME_STEPS: TimeStep[] = [
  ...[1, 5, 10, 15, 30].map(count => ({ unit: 'second' as const, count })),
  ...[1, 2, 5, 10, 15, 30].map(count => ({ unit: 'minute' as const, count })),
  ...[1, 2, 3, 6, 12].map(count => ({ unit: 'hour' as const, count })),
  ...[1, 2, 7, 14, 30, 90].map(count => ({ unit: 'day' as const, count })),
];

/**
 * Ticks at whole multiples of the step in the zone (10:05, 10:10, …); stops
 * after `limit` + 1, as a step with more ticks than that is not used (a
 * 1-second step over two days would otherwise build 10,000 dates).
 */
function timeTickValues(
  min: number,
  max: number,
  step: TimeStep,
  zone: string | undefined,
  limit: number,
): number[] {
  let time = DateTime.fromMillis(min, zone ? { zone } : {}).startOf(step.unit);
  if (step.unit !== 'day') {
    const offset = time.get(step.unit) % step.count;
    if (offset) time = time.plus({ [step.unit]: step.count - offset });
  }
  // Day steps start at the first midnight in range, whatever its date.
  if (step.unit === 'day' && time.toMillis() < min) {
    time = time.plus({ day: 1 });
  }
  const values: number[] = [];
  for (
    let guard = 0;
    guard < 10_000 && time.toMillis() <= max && values.length <= limit;
    guard++
  ) {
    if (time.toMillis() >= min) values.push(time.toMillis());
    time = time.plus({ [step.unit]: step.count });
    // A day step may land off midnight across a DST change.
    if (step.unit === 'day') time = time.startOf('day');
  }
  return values;
}

/** Seconds for short steps; the date once the axis spans more than a day. */
function timeFormat(step: TimeStep, min: number, max: number, zone?: string) {
  if (step.unit === 'second') return 'HH:mm:ss';
  if (step.unit === 'day') return 'LLL d';
  const options = zone ? { zone } : {};
  const sameDay = DateTime.fromMillis(min, options).hasSame(
    DateTime.fromMillis(max, options),
    'day',
  );
  return sameDay ? 'HH:mm' : 'LLL d HH:mm';
}

/**
 * The x axis of the budget chart: the data's own time range (not the SLO
 * period, which would squash a few minutes of history into a dot), at least
 * `minSpanMs` wide around a single evaluation. Ticks fall on whole times,
 * labelled for the span (seconds, times of day, dates), and labels are kept
 * inside `bounds` and never overlap.
 */
export function timeAxis(
  times: readonly number[],
  range: PixelRange,
  options: {
    /** Pixels the labels may use (the chart's width). */
    bounds?: { min: number; max: number };
    /** IANA zone of the labels; the browser's by default. */
    zone?: string;
    /** Estimated width of a label character, in pixels. */
    charWidthPx?: number;
    /** Least space between two labels, in pixels. */
    gapPx?: number;
    maxTicks?: number;
    minSpanMs?: number;
  } = {},
): Axis {
  const {
    bounds = { min: range.start, max: range.end },
    zone,
    charWidthPx = 6.5,
    gapPx = 12,
    maxTicks = 8,
    minSpanMs = 2 * 60_000,
  } = options;
  const now = Date.now();
  let [min, max] = extent(times) ?? [now - minSpanMs, now];
  if (max - min < minSpanMs) {
    const middle = (min + max) / 2;
    min = middle - minSpanMs / 2;
    max = middle + minSpanMs / 2;
  }
  const domain: [number, number] = [min, max];
  const scale = linear(domain, range);

  for (const step of TIME_STEPS) {
    const values = timeTickValues(min, max, step, zone, maxTicks);
    if (values.length === 0 || values.length > maxTicks) continue;
    const format = timeFormat(step, min, max, zone);
    const ticks = values.map(value => {
      const label = DateTime.fromMillis(value, zone ? { zone } : {}).toFormat(
        format,
      );
      return placeLabel(value, label, scale(value), bounds, charWidthPx);
    });
    if (labelsFit(ticks, charWidthPx, gapPx)) {
      return { domain, scale, ticks };
    }
  }
  return { domain, scale, ticks: [] };
}

function labelExtent(tick: AxisTick, charWidthPx: number): [number, number] {
  const width = tick.label.length * charWidthPx;
  const at = tick.labelPosition;
  if (tick.anchor === 'start') return [at, at + width];
  if (tick.anchor === 'end') return [at - width, at];
  return [at - width / 2, at + width / 2];
}

/** Centred on the tick, or flush with the chart's edge if it would overflow. */
function placeLabel(
  value: number,
  label: string,
  position: number,
  bounds: { min: number; max: number },
  charWidthPx: number,
): AxisTick {
  const half = (label.length * charWidthPx) / 2;
  const tick = { value, label, position };
  if (position - half < bounds.min) {
    return { ...tick, labelPosition: bounds.min, anchor: 'start' };
  }
  if (position + half > bounds.max) {
    return { ...tick, labelPosition: bounds.max, anchor: 'end' };
  }
  return { ...tick, labelPosition: position, anchor: 'middle' };
}

function labelsFit(
  ticks: readonly AxisTick[],
  charWidthPx: number,
  gapPx: number,
): boolean {
  const extents = ticks.map(tick => labelExtent(tick, charWidthPx));
  return extents.every(
    (current, i) => i === 0 || current[0] - extents[i - 1][1] >= gapPx,
  );
}

/** The pixel extent of a tick's label, for tests and layout. */
export function tickLabelExtent(
  tick: AxisTick,
  charWidthPx = 6.5,
): [number, number] {
  return labelExtent(tick, charWidthPx);
}
