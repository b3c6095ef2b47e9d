import type { StoreInternals } from '../StoreInternals';
import { partitionDay } from './names';

/** The daily partitions of log_lines (not the default one), oldest first. */
export async function listPartitions({
  db,
}: StoreInternals): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ name: string }> }>(
    `SELECT child.relname AS name FROM pg_inherits
      JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
      JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      WHERE parent.relname = 'log_lines'`,
  );
  return rows
    .map(row => row.name)
    .filter(name => partitionDay(name) !== undefined)
    .sort();
}
