import type { StoreInternals } from '../StoreInternals';
import { listPartitions } from './listPartitions';
import { DAY_MS, partitionDay } from './names';

/**
 * Retention: drops the daily partitions that end at or before `before`
 * (dropping a table frees its disk at once; no row-by-row DELETE and no
 * vacuum), and deletes the default partition's lines older than that.
 */
export async function dropPartitionsBefore(
  internals: StoreInternals,
  before: number,
): Promise<string[]> {
  const dropped: string[] = [];
  for (const name of await listPartitions(internals)) {
    const day = partitionDay(name);
    if (day === undefined || day + DAY_MS > before) continue;
    await internals.db.raw(`DROP TABLE IF EXISTS ${name}`);
    dropped.push(name);
  }
  await internals.db.raw('DELETE FROM log_lines_default WHERE ts < ?', [
    new Date(before).toISOString(),
  ]);
  return dropped;
}
