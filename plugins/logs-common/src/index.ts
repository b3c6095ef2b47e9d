/**
 * Isomorphic types, zod schemas and pure logic for Vigil logs: log levels,
 * the search and tail queries (the one query interface every store answers),
 * the Logs tab's links and a client of the logs API.
 *
 * @packageDocumentation
 */
export { LOG_LEVELS, levelRank, logLevelSchema, type LogLevel } from './levels';
export type { LogLine, LogPage, LogTail } from './types';
export {
  LOGS_DEFAULT_LIMIT,
  LOGS_DEFAULT_RANGE_MS,
  LOGS_MAX_LIMIT,
  LOGS_MAX_RANGE_DAYS,
  LOGS_MAX_TEXT_LENGTH,
  logCursorSchema,
  logIdSchema,
  logSearchQuerySchema,
  logTailQuerySchema,
  resolveWindow,
  type LogSearchParams,
  type LogTailParams,
} from './query';
export { LOG_RANGE_PRESETS, logsTabPath, type LogsTabFilters } from './links';
export { LOG_SERVICE_ANNOTATION, logServiceOf } from './annotations';
export {
  LogsApiError,
  LogsClient,
  type LogsApi,
  type LogsEntity,
} from './client';
