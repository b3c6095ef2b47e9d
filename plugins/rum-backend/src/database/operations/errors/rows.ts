import type {
  RumErrorGroup,
  RumErrorGroupDetail,
  RumStackFrame,
} from '@vigil/backstage-plugin-rum-common';
import { toNumber } from '../StoreInternals';

export const ERROR_GROUPS = 'rum_error_groups';
export const MAX_RELEASES = 20;
export const MAX_ROUTES = 50;

/** A row of `rum_error_groups`. */
export interface ErrorGroupRow {
  fingerprint: string;
  type: string;
  message: string;
  normalized_message: string;
  top_frame: string;
  count: number | string;
  session_count: number | string;
  first_seen: number | string;
  last_seen: number | string;
  last_release: string | null;
  releases: string;
  routes: string;
  stack: string;
  raw_stack: string;
  mapped: boolean | number;
}

const list = (json: string): string[] => {
  const value = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
};

/** `values` with `value` moved (or added) to the end, at most `max` kept. */
export function appendBounded(
  values: string[],
  value: string | undefined,
  max: number,
): string[] {
  if (!value) return values;
  return [...values.filter(v => v !== value), value].slice(-max);
}

/** A row without its stacks (the list). */
export type ErrorGroupSummaryRow = Omit<
  ErrorGroupRow,
  'stack' | 'raw_stack' | 'mapped'
>;

export function toErrorGroup(row: ErrorGroupSummaryRow): RumErrorGroup {
  return {
    fingerprint: row.fingerprint,
    type: row.type,
    message: row.message,
    normalizedMessage: row.normalized_message,
    topFrame: row.top_frame,
    count: toNumber(row.count),
    sessionCount: toNumber(row.session_count),
    firstSeen: new Date(toNumber(row.first_seen)).toISOString(),
    lastSeen: new Date(toNumber(row.last_seen)).toISOString(),
    ...(row.last_release && { lastRelease: row.last_release }),
    releases: list(row.releases),
    routes: list(row.routes),
  };
}

export function toErrorGroupDetail(row: ErrorGroupRow): RumErrorGroupDetail {
  return {
    ...toErrorGroup(row),
    stack: JSON.parse(row.stack) as RumStackFrame[],
    rawStack: JSON.parse(row.raw_stack) as RumStackFrame[],
    mapped: Boolean(row.mapped),
  };
}
