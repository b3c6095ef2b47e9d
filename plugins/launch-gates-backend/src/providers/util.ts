import type { Entity } from '@backstage/catalog-model';
import type { EvidenceLink } from '@vigil/backstage-plugin-launch-gates-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The entity's kind, namespace and name as the other plugins' paths take them. */
export function entityPathOf(entity: Entity): string {
  return [
    entity.kind,
    entity.metadata.namespace ?? 'default',
    entity.metadata.name,
  ]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/** The entity's page in the portal, e.g. `<app>/catalog/default/component/x/slos`. */
export function entityPageUrl(
  appBaseUrl: string,
  entity: Entity,
  tab?: string,
): string {
  const page = `${appBaseUrl.replace(/\/+$/, '')}/catalog/${entityPathOf(
    entity,
  )}`;
  return tab ? `${page}/${tab}` : page;
}

/** A path in the portal's frontend. */
export function appUrl(appBaseUrl: string, path: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * Days from `iso` to `now`, rounded down to a tenth: a figure that stays the
 * same over a few evaluation cycles, so unchanged evidence keeps its hash.
 */
export function daysSince(iso: string, now: Date): number {
  const days = (now.getTime() - Date.parse(iso)) / DAY_MS;
  return Math.max(0, Math.floor(days * 10) / 10);
}

const WINDOW_STEP_MS = 5 * 60 * 1000;

/**
 * The end of a read's time window: now rounded down to five minutes, so
 * every review of a cycle asks the same question (one read, shared) and a
 * rerun within minutes sees the same window.
 */
export function windowEnd(now: Date): Date {
  return new Date(Math.floor(now.getTime() / WINDOW_STEP_MS) * WINDOW_STEP_MS);
}

/**
 * The start of a window that looks ahead: now rounded up to five minutes,
 * for the same sharing. Rounding down would ask about minutes already past
 * (before a schedule existed, say) and find gaps nobody can fill.
 */
export function windowStart(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / WINDOW_STEP_MS) * WINDOW_STEP_MS);
}

export function daysBefore(end: Date, days: number): Date {
  return new Date(end.getTime() - days * DAY_MS);
}

/** An error's message (errors of another realm, e.g. fetch's, included). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' ? message : String(error);
}

/** The HTTP status of a PluginApiError, if it was one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** At most `max` links: the evidence snapshot stays small. */
export function firstLinks(links: EvidenceLink[], max = 20): EvidenceLink[] {
  return links.slice(0, max);
}

/** Bytes in GB with two decimals, as targets are written (3.7 GB). */
export const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
