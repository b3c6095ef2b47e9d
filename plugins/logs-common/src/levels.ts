import { z } from 'zod';

/**
 * The levels a log line has, least to most severe (pino's names).
 * @public
 */
export const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;

/** @public */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** @public */
export const logLevelSchema = z.enum(LOG_LEVELS);

/**
 * The rank of a level, as pino numbers them and as the store's `level_rank`
 * column computes it (unknown levels rank as info there too).
 * @public
 */
export function levelRank(level: string): number {
  const index = (LOG_LEVELS as readonly string[]).indexOf(level);
  return index < 0 ? 30 : (index + 1) * 10;
}
