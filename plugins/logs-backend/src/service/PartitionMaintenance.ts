import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LogRetention } from '../database/LogStore';

const DAY_MS = 86_400_000;

/**
 * The partitions job: today's and the next days' partitions exist, and
 * those older than the retention are dropped. Runs at start and hourly
 * (global scope: one instance of the backend at a time).
 */
export async function maintainPartitions(options: {
  retention: LogRetention;
  retentionDays: number;
  daysAhead: number;
  now: number;
  logger: LoggerService;
}): Promise<{ created: string[]; dropped: string[] }> {
  const { retention, now, logger } = options;
  const created = await retention.ensurePartitions(now, options.daysAhead + 1);
  const dropped = await retention.dropPartitionsBefore(
    now - options.retentionDays * DAY_MS,
  );
  if (created.length > 0 || dropped.length > 0) {
    logger.info(
      `Log partitions: created ${
        created.join(', ') || 'none'
      }; dropped (older than ${options.retentionDays} days) ${
        dropped.join(', ') || 'none'
      }`,
    );
  }
  return { created, dropped };
}
