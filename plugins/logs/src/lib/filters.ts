import type { Entity } from '@backstage/catalog-model';
import {
  LOG_LEVELS,
  LOG_RANGE_PRESETS,
  LOG_SERVICE_ANNOTATION,
  type LogLevel,
} from '@vigil/backstage-plugin-logs-common';

/**
 * Whether the entity gets the "Logs" tab: components (their lines carry
 * their name, or the `vigil.dev/log-service` annotation's value), and any
 * entity with that annotation.
 * @public
 */
export function hasLogs(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' ||
    Boolean(entity.metadata.annotations?.[LOG_SERVICE_ANNOTATION])
  );
}

/** The tab's path under the entity page. @public */
export const LOGS_TAB_PATH = 'logs';

/** What the tab searches; mirrored in the URL query. */
export interface TabFilters {
  /** A preset id (15m, 1h, ...) or `custom` (from/to given). */
  range: string;
  from?: string;
  to?: string;
  q: string;
  level?: LogLevel;
  requestId?: string;
}

const isInstant = (value: string | null): value is string =>
  value !== null && Number.isFinite(Date.parse(value));

const presetOr1h = (range: string | null): string =>
  LOG_RANGE_PRESETS.some(p => p.id === range) ? range! : '1h';

/** The filters the URL query names (`?from=&to=&q=&level=&requestId=`). */
export function filtersFromQuery(search: string): TabFilters {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const level = params.get('level');
  const range = params.get('range');
  const requestId = params.get('requestId')?.trim();
  const custom = isInstant(from);
  return {
    range: custom ? 'custom' : presetOr1h(range),
    ...(custom ? { from } : {}),
    ...(custom && isInstant(to) ? { to } : {}),
    q: params.get('q') ?? '',
    ...((LOG_LEVELS as readonly string[]).includes(level ?? '')
      ? { level: level as LogLevel }
      : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** The URL query of the filters (what a link to the same view carries). */
export function queryFromFilters(filters: TabFilters): string {
  const params = new URLSearchParams();
  if (filters.range === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  } else if (filters.range !== '1h') {
    params.set('range', filters.range);
  }
  if (filters.q) params.set('q', filters.q);
  if (filters.level) params.set('level', filters.level);
  if (filters.requestId) params.set('requestId', filters.requestId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The search's from/to: a custom window as given, a preset up to `now`. */
export function windowOf(
  filters: TabFilters,
  now: number,
): { from: string; to: string } {
  if (filters.range === 'custom' && filters.from) {
    return {
      from: new Date(filters.from).toISOString(),
      to: new Date(filters.to ? Date.parse(filters.to) : now).toISOString(),
    };
  }
  const preset =
    LOG_RANGE_PRESETS.find(p => p.id === filters.range) ?? LOG_RANGE_PRESETS[1];
  return {
    from: new Date(now - preset.ms).toISOString(),
    to: new Date(now).toISOString(),
  };
}
