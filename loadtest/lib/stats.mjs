// Latency percentiles and the small figures derived from timings. Pure.

/** Nearest-rank percentile `p` (0-100) of ascending `sorted`; 0 when empty. */
export function percentile(sorted, p) {
  return sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ]
    : 0;
}

/** p50, p95, p99 and max of `samples` (any order), rounded to `digits`. */
export function percentiles(samples, digits = 1) {
  const sorted = Float64Array.from(samples).sort();
  const round = value => Number(value.toFixed(digits));
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: sorted.length ? round(sorted[sorted.length - 1]) : 0,
  };
}

/** Milliseconds as seconds, one decimal. */
export const seconds = ms => Number((ms / 1000).toFixed(1));

/** Events per second over `ms`, rounded. */
export const perSecond = (count, ms) => Math.round(count / (ms / 1000));

/**
 * CPU figures of a process between two readings (seconds of CPU, or
 * undefined when unknown): seconds, cores busy and, with `count`, ms per request.
 */
export const cpuFigures = (before, after, wallMs, count) =>
  before === undefined || after === undefined
    ? {}
    : {
        backendCpuSeconds: Number((after - before).toFixed(1)),
        backendCores: Number(((after - before) / (wallMs / 1000)).toFixed(2)),
        ...(count
          ? {
              backendCpuMsPerRequest: Number(
                (((after - before) * 1000) / count).toFixed(1),
              ),
            }
          : {}),
      };
