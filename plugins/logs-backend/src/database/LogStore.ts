import type { LogLine } from '@vigil/backstage-plugin-logs-common';

/**
 * A search over one service's lines. The fields are what every log store
 * can answer alike (PostgreSQL here; Loki: a stream selector on `service`,
 * `|=` line filters and a level label; Elasticsearch: a bool query of
 * term, range and match; ClickHouse: WHERE on a MergeTree ordered by
 * service and ts with a token index), so a store can be swapped without
 * touching the API, the router or the Logs tab.
 */
export interface LogSearch {
  service: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Lines at this rank or above (levelRank). */
  minLevelRank?: number;
  /** Words that must all appear in the message (quotes: a phrase; -word: not). */
  text?: string;
  requestId?: string;
  traceId?: string;
  /** An opaque cursor this store returned (`nextCursor`). */
  cursor?: string;
  limit: number;
}

/** A tail: lines a service wrote after a cursor this store returned. */
export type LogTailRequest = Omit<LogSearch, 'from' | 'to' | 'cursor'> & {
  after?: string;
};

/**
 * Where the portal reads logs from. Cursors are the store's own (opaque to
 * callers); a cursor it cannot read is `'bad-cursor'` (a 400).
 */
export interface LogStore {
  search(
    query: LogSearch,
  ): Promise<{ items: LogLine[]; nextCursor?: string } | 'bad-cursor'>;
  tail(
    query: LogTailRequest,
  ): Promise<{ items: LogLine[]; cursor: string } | 'bad-cursor'>;
}

/**
 * The housekeeping a partitioned store needs: partitions ahead of time,
 * and old ones dropped (retention). Stores that expire data themselves
 * (Loki's retention, Elasticsearch ILM, ClickHouse TTL) need none.
 */
export interface LogRetention {
  /** Creates the daily partitions from `from` (epoch ms) for `days` days. */
  ensurePartitions(from: number, days: number): Promise<string[]>;
  /** Drops the partitions wholly before `before` (epoch ms); their names. */
  dropPartitionsBefore(before: number): Promise<string[]>;
  /** The daily partitions there are, oldest first. */
  listPartitions(): Promise<string[]>;
}
