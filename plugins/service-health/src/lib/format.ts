import type {
  HealthRange,
  HealthUnit,
} from '@vigil/backstage-plugin-service-health-common';

/** What a chart shows where there is no number. */
export const NO_DATA = 'no data';

function trim(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/**
 * A value in its unit, short enough for an axis tick or a legend:
 * seconds as ms below one second, ratios as percentages, bytes in MiB/GiB.
 */
export function formatValue(
  value: number | null | undefined,
  unit: HealthUnit,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return NO_DATA;
  }
  switch (unit) {
    case 'seconds':
      return value < 1 ? `${trim(value * 1000, 1)} ms` : `${trim(value, 2)} s`;
    case 'ratio':
      return `${trim(value * 100, 2)}%`;
    case 'bytes': {
      if (value >= 1024 ** 3) return `${trim(value / 1024 ** 3, 2)} GiB`;
      if (value >= 1024 ** 2) return `${trim(value / 1024 ** 2, 1)} MiB`;
      if (value >= 1024) return `${trim(value / 1024, 1)} KiB`;
      return `${trim(value, 0)} B`;
    }
    case 'cores':
      return `${trim(value, 3)} cores`;
    case 'requests/s':
      return `${trim(value, 2)} req/s`;
    case 'ops/s':
      return `${trim(value, 2)} ops/s`;
    default:
      return trim(value, 2);
  }
}

/** A time tick: clock time for short ranges, day and time for long ones. */
export function formatTick(epochMs: number, range: HealthRange): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (range === '15m' || range === '1h' || range === '6h' || range === '24h') {
    return time;
  }
  return `${date.getMonth() + 1}/${date.getDate()} ${time}`;
}

/** The last number of a series (charts show it as text too). */
export function latestValue(
  points: ReadonlyArray<readonly [number, number | null]>,
): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i][1];
    if (value !== null) return value;
  }
  return null;
}
