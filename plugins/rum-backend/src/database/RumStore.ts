import type {
  RumErrorGroup,
  RumErrorGroupDetail,
  RumStackFrame,
  WebVital,
} from '@vigil/backstage-plugin-rum-common';

/*
 * Storage of what the collector keeps: sessions, page loads and web vitals
 * per hour and route pattern, and exception groups. Instants are epoch
 * milliseconds here and ISO strings on the wire.
 */

/** One payload's worth of writes, aggregated by the collector. */
export interface RumBatch {
  now: number;
  session?: {
    id: string;
    userHash?: string;
    release?: string;
  };
  /** Page loads per route pattern. */
  pageLoads: Map<string, number>;
  /** Web vital samples: route, vital and histogram bucket index. */
  vitalBuckets: Array<{ route: string; vital: WebVital; bucket: number }>;
  exceptions: RumExceptionOccurrence[];
}

/** One exception, fingerprinted and (where maps were found) source-mapped. */
export interface RumExceptionOccurrence {
  fingerprint: string;
  type: string;
  message: string;
  normalizedMessage: string;
  topFrame: string;
  at: number;
  release?: string;
  route: string;
  stack: RumStackFrame[];
  rawStack: RumStackFrame[];
  mapped: boolean;
}

/** What a batch changed that metrics count once. */
export interface RumBatchOutcome {
  /** The session was seen for the first time. */
  newSession: boolean;
  /** The session raised its first exception in this batch. */
  newErrorSession: boolean;
}

export interface RumUsageRows {
  users: number;
  sessions: number;
  errorSessions: number;
  pageLoads: Array<{ route: string; count: number }>;
  vitalBuckets: Array<{
    route: string;
    vital: string;
    bucket: number;
    count: number;
  }>;
}

export interface RumStore {
  /** Writes one payload's sessions, page loads, vitals and exceptions. */
  recordBatch(batch: RumBatch): Promise<RumBatchOutcome>;
  /** Groups, most recently seen first. */
  listErrorGroups(query: {
    limit: number;
    offset: number;
  }): Promise<{ items: RumErrorGroup[]; totalCount: number }>;
  getErrorGroup(fingerprint: string): Promise<RumErrorGroupDetail | undefined>;
  /** Sessions, users and aggregates in [from, to). */
  readUsage(from: number, to: number): Promise<RumUsageRows>;
  /** Deletes sessions, aggregates and error sessions older than `before`. */
  prune(before: number): Promise<void>;
}
