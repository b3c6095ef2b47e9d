import type { StoreInternals } from '../StoreInternals';

/**
 * Deletes what is older than `before`: sessions, hourly aggregates and the
 * session links of error groups. Error groups themselves stay (their counts
 * and first-seen times are history an admin wants).
 */
export async function prune(
  { db }: StoreInternals,
  before: number,
): Promise<void> {
  await db('rum_sessions').where('last_seen_at', '<', before).delete();
  await db('rum_page_loads').where('hour_start', '<', before).delete();
  await db('rum_vital_buckets').where('hour_start', '<', before).delete();
  await db('rum_error_sessions').where('seen_at', '<', before).delete();
}
