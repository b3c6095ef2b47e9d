/**
 * The q-quantile of a histogram given as cumulative-free bucket counts over
 * upper bounds (the last bucket is +Inf), interpolated linearly inside the
 * bucket as Prometheus' histogram_quantile does. Null without samples; the
 * highest finite bound when the quantile falls in the +Inf bucket.
 * @public
 */
export function histogramQuantile(
  q: number,
  bounds: readonly number[],
  counts: readonly number[],
): number | null {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const before = seen;
    seen += counts[i];
    if (seen >= rank && counts[i] > 0) {
      if (i >= bounds.length) return bounds[bounds.length - 1];
      const lower = i === 0 ? 0 : bounds[i - 1];
      const upper = bounds[i];
      return lower + ((upper - lower) * (rank - before)) / counts[i];
    }
  }
  return bounds[bounds.length - 1];
}

/**
 * The index of the bucket a value falls in (bounds.length: the +Inf one).
 * @public
 */
export function bucketIndex(bounds: readonly number[], value: number): number {
  const i = bounds.findIndex(bound => value <= bound);
  return i === -1 ? bounds.length : i;
}
