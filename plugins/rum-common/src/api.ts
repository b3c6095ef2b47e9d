import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';

/**
 * A frame of a stored stack, source-mapped when `mapped`.
 * @public
 */
export interface RumStackFrame {
  function: string;
  filename: string;
  lineno?: number;
  colno?: number;
}

/**
 * One group of exceptions sharing a fingerprint.
 * @public
 */
export interface RumErrorGroup {
  fingerprint: string;
  type: string;
  /** The last occurrence's message, as sent. */
  message: string;
  /** What the fingerprint is made of. */
  normalizedMessage: string;
  topFrame: string;
  count: number;
  /** Sessions that raised it (counted once each). */
  sessionCount: number;
  firstSeen: string;
  lastSeen: string;
  /** The app release of the last occurrence, and every release seen (newest last, up to 20). */
  lastRelease?: string;
  releases: string[];
  /** Route patterns where it happened (up to 50). */
  routes: string[];
}

/**
 * A group with the last occurrence's stack: source-mapped when the build's
 * maps were found (`mapped`), and as the browser sent it.
 * @public
 */
export interface RumErrorGroupDetail extends RumErrorGroup {
  stack: RumStackFrame[];
  rawStack: RumStackFrame[];
  mapped: boolean;
}

/** @public */
export interface RumErrorGroupList {
  items: RumErrorGroup[];
  totalCount: number;
}

/** @public */
export const RUM_USAGE_RANGES = ['1h', '24h', '7d', '30d'] as const;
/** @public */
export type RumUsageRange = (typeof RUM_USAGE_RANGES)[number];

/**
 * Milliseconds of each usage range.
 * @public
 */
export const RUM_USAGE_RANGE_MS: Record<RumUsageRange, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** @public */
export interface RumRouteUsage {
  route: string;
  pageLoads: number;
  /** 75th percentile of LCP in seconds, from the stored histogram (null without samples). */
  lcpP75Seconds: number | null;
  lcpSamples: number;
}

/**
 * The portal's usage over a range (the "Portal usage" card).
 * @public
 */
export interface RumUsage {
  range: RumUsageRange;
  from: string;
  to: string;
  users: number;
  sessions: number;
  errorSessions: number;
  pageLoads: number;
  /** Routes by LCP p75, slowest first (routes without LCP samples last). */
  routes: RumRouteUsage[];
}

/** @public */
export const listErrorGroupsQuerySchema = z
  .object({
    limit: queryInteger(1, 200, 50),
    offset: queryInteger(0, 100_000, 0),
  })
  .strict();

/** @public */
export const usageQuerySchema = z
  .object({ range: z.enum(RUM_USAGE_RANGES).default('24h') })
  .strict();

/** @public */
export const fingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'must be 16 hexadecimal digits');
