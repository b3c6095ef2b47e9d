import type { LogLevel } from './levels';

/**
 * Time range presets of the Logs tab, in milliseconds.
 * @public
 */
export const LOG_RANGE_PRESETS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/**
 * What the Logs tab's URL query says (`?from=&to=&q=&level=&requestId=`).
 * @public
 */
export interface LogsTabFilters {
  from?: string;
  to?: string;
  q?: string;
  level?: LogLevel;
  requestId?: string;
  traceId?: string;
}

/**
 * The Logs tab of an entity with filters:
 * `/catalog/<namespace>/<kind>/<name>/logs?from=...`. Other plugins build
 * the same URL themselves (they do not import this package).
 * @public
 */
export function logsTabPath(
  entity: { kind: string; namespace?: string; name: string },
  filters: LogsTabFilters = {},
): string {
  const params = new URLSearchParams();
  for (const key of [
    'from',
    'to',
    'q',
    'level',
    'requestId',
    'traceId',
  ] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  const path = [entity.namespace ?? 'default', entity.kind, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
  return `/catalog/${path}/logs${query ? `?${query}` : ''}`;
}
