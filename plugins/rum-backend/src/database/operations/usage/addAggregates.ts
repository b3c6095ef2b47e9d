import type { WebVital } from '@vigil/backstage-plugin-rum-common';
import { hourStart, type StoreInternals } from '../StoreInternals';

/** Adds page loads per route to the hour's counts (upserts, one per route). */
export async function addPageLoads(
  { db }: StoreInternals,
  pageLoads: Map<string, number>,
  now: number,
): Promise<void> {
  const hour = hourStart(now);
  for (const [route, count] of pageLoads) {
    await db('rum_page_loads')
      .insert({ hour_start: hour, route, count })
      .onConflict(['hour_start', 'route'])
      .merge({ count: db.raw('rum_page_loads.count + excluded.count') });
  }
}

/** Adds web vital samples to the hour's histogram buckets. */
export async function addVitalBuckets(
  { db }: StoreInternals,
  samples: ReadonlyArray<{ route: string; vital: WebVital; bucket: number }>,
  now: number,
): Promise<void> {
  const hour = hourStart(now);
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.route}\n${s.vital}\n${s.bucket}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) {
    const [route, vital, bucket] = key.split('\n');
    await db('rum_vital_buckets')
      .insert({ hour_start: hour, route, vital, bucket: Number(bucket), count })
      .onConflict(['hour_start', 'route', 'vital', 'bucket'])
      .merge({ count: db.raw('rum_vital_buckets.count + excluded.count') });
  }
}
