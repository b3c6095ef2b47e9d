import type { LogLevel } from './levels';

/**
 * One log line as the logs API answers it.
 * @public
 */
export interface LogLine {
  /** The store's id of the line (opaque). */
  id: string;
  /** When the line was written (ISO 8601, UTC, microseconds when known). */
  ts: string;
  service: string;
  host?: string;
  /** One of LOG_LEVELS, or what the producer wrote when it is none of them. */
  level: LogLevel | string;
  message: string;
  requestId?: string;
  traceId?: string;
  spanId?: string;
  /** The whole structured line as the producer wrote it. */
  fields: Record<string, unknown>;
}

/**
 * A page of search results, newest first.
 * @public
 */
export interface LogPage {
  /** The `service` value the entity's lines carry. */
  service: string;
  from: string;
  to: string;
  items: LogLine[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * New lines since a tail cursor, oldest first.
 * @public
 */
export interface LogTail {
  service: string;
  items: LogLine[];
  /** Pass as `after` on the next poll. */
  cursor: string;
}
