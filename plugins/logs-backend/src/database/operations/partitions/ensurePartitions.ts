import type { StoreInternals } from '../StoreInternals';
import { listPartitions } from './listPartitions';
import { DAY_MS, partitionName, startOfUtcDay } from './names';

/**
 * Creates the daily partitions from the day of `from` for `days` days; the
 * names of those it created. Lines of a day without a partition went to
 * log_lines_default, and PostgreSQL refuses a partition whose rows sit in
 * the default one: those rows are moved into the new partition in the same
 * transaction (it holds the table's lock only briefly: days ahead are empty).
 */
export async function ensurePartitions(
  internals: StoreInternals,
  from: number,
  days: number,
): Promise<string[]> {
  const existing = new Set(await listPartitions(internals));
  const created: string[] = [];
  for (let offset = 0; offset < days; offset++) {
    const start = startOfUtcDay(from) + offset * DAY_MS;
    const name = partitionName(start);
    if (existing.has(name)) continue;
    const lower = new Date(start).toISOString();
    const upper = new Date(start + DAY_MS).toISOString();
    await internals.db.transaction(async tx => {
      await tx.raw('LOCK TABLE log_lines_default IN ACCESS EXCLUSIVE MODE');
      await tx.raw(
        'CREATE TEMP TABLE log_lines_moving (LIKE log_lines) ON COMMIT DROP',
      );
      await tx.raw(
        `WITH moved AS (DELETE FROM log_lines_default
            WHERE ts >= ? AND ts < ? RETURNING *)
          INSERT INTO log_lines_moving SELECT * FROM moved`,
        [lower, upper],
      );
      // DDL takes no bind parameters; the name and bounds are built from
      // numbers only (partitionName, toISOString).
      await tx.raw(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF log_lines FOR VALUES FROM ('${lower}') TO ('${upper}')`,
      );
      await tx.raw(
        `INSERT INTO ${name} (ts, service, host, level, message, request_id,
          trace_id, span_id, fields, received_at, id)
          SELECT ts, service, host, level, message, request_id, trace_id,
            span_id, fields, received_at, id FROM log_lines_moving`,
      );
    });
    created.push(name);
  }
  return created;
}
