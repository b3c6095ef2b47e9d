/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["itOnPostgres", "itOnPostgres.each"] }] -- itOnPostgres is it, or it.skip without the test command's PostgreSQL */
import {
  DAY,
  insertLines,
  migratedStore,
  onPostgres,
  postgresDatabases,
} from '../../../__testUtils__/database';
import { mockServices } from '@backstage/backend-test-utils';
import { maintainPartitions } from '../../../service/PartitionMaintenance';
import { partitionName } from './names';

const databases = postgresDatabases();
const itOnPostgres = onPostgres(databases);

const now = Date.now();
const today = Math.floor(now / DAY) * DAY;

const countOf = async (knex: any, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

describe('partitions and retention', () => {
  itOnPostgres('the migration made today and the next two days', async () => {
    const { store } = await migratedStore(databases);
    expect(await store.listPartitions()).toEqual([
      partitionName(today),
      partitionName(today + DAY),
      partitionName(today + 2 * DAY),
    ]);
  });

  itOnPostgres(
    'creates partitions ahead, moving lines that waited in the default partition',
    async () => {
      const { knex, store } = await migratedStore(databases);
      // Five days ahead has no partition yet: the line goes to the default one.
      await insertLines(knex, [
        { ts: new Date(today + 5 * DAY + 3_600_000), message: 'early' },
      ]);
      expect(await countOf(knex, 'log_lines_default')).toBe(1);

      const created = await store.ensurePartitions(today, 7);
      expect(created).toEqual(
        [3, 4, 5, 6].map(d => partitionName(today + d * DAY)),
      );
      expect(await countOf(knex, 'log_lines_default')).toBe(0);
      expect(await countOf(knex, partitionName(today + 5 * DAY))).toBe(1);
      // Idempotent.
      expect(await store.ensurePartitions(today, 7)).toEqual([]);
    },
  );

  itOnPostgres(
    'drops partitions older than the retention and keeps the rest',
    async () => {
      const { knex, store } = await migratedStore(databases);
      // Partitions for 20 days back, a line in each, and one very old line.
      await store.ensurePartitions(today - 20 * DAY, 20);
      await insertLines(
        knex,
        Array.from({ length: 21 }, (_, d) => ({
          ts: new Date(today - d * DAY + 60_000),
          message: `day -${d}`,
        })),
      );
      await insertLines(knex, [
        { ts: new Date(today - 400 * DAY), message: 'ancient' },
      ]);

      const dropped = await store.dropPartitionsBefore(now - 14 * DAY);
      // Days -20 .. -15 end before the cutoff; day -14 still holds lines inside it.
      expect(dropped).toEqual(
        [20, 19, 18, 17, 16, 15].map(d => partitionName(today - d * DAY)),
      );
      const left = await store.listPartitions();
      expect(left[0]).toBe(partitionName(today - 14 * DAY));
      expect(left).toHaveLength(17);
      expect(await countOf(knex, 'log_lines_default')).toBe(0);
      expect(await countOf(knex, 'log_lines')).toBe(15);
    },
  );

  itOnPostgres(
    'the partitions job keeps days ahead and drops days past the retention',
    async () => {
      const { store } = await migratedStore(databases);
      await store.ensurePartitions(today - 10 * DAY, 10);
      const result = await maintainPartitions({
        retention: store,
        retentionDays: 3,
        daysAhead: 4,
        now,
        logger: mockServices.logger.mock(),
      });
      expect(result.created).toEqual(
        [3, 4].map(d => partitionName(today + d * DAY)),
      );
      expect(result.dropped).toEqual(
        [10, 9, 8, 7, 6, 5, 4].map(d => partitionName(today - d * DAY)),
      );
      expect(await store.listPartitions()).toEqual(
        [-3, -2, -1, 0, 1, 2, 3, 4].map(d => partitionName(today + d * DAY)),
      );
    },
  );
});
