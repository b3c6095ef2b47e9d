import type {
  FinalSegmentJson,
  Override,
  OverrideJson,
  PageJson,
  TemporarySchedule,
  TemporaryScheduleJson,
  TimelineSegment,
} from '@vigil/backstage-plugin-oncall-common';
import type { PageDelivery, StoredPage } from '../database/OnCallStore';

/*
 * The wire format: instants are epoch milliseconds inside the backend and
 * ISO 8601 strings (UTC) in every answer (ROUTES.md). The JSON types are
 * oncall-common's (wire.ts), shared with the frontend.
 */

export type { OverrideJson, PageJson };

export const iso = (ms: number) => new Date(ms).toISOString();
const isoOrUndefined = (ms?: number) =>
  ms === undefined ? undefined : iso(ms);

export function overrideJson(override: Override): OverrideJson {
  return { ...override, start: iso(override.start), end: iso(override.end) };
}

export function temporaryScheduleJson(
  temporary: TemporarySchedule,
): TemporaryScheduleJson {
  return {
    ...temporary,
    start: iso(temporary.start),
    end: iso(temporary.end),
    shifts: temporary.shifts.map(s => ({
      userRef: s.userRef,
      start: iso(s.start),
      end: iso(s.end),
    })),
  };
}

export function segmentJson(segment: TimelineSegment): FinalSegmentJson {
  return {
    start: iso(segment.start),
    end: iso(segment.end),
    userRefs: segment.userRefs,
    gap: segment.gap,
    source: segment.source,
    ...(segment.layerId ? { layerId: segment.layerId } : {}),
  };
}

/** A page as the API shows it, with who was reached. */
export function pageJson(
  page: StoredPage,
  deliveries: PageDelivery[],
): PageJson {
  return {
    id: page.id,
    entityRef: page.entityRef,
    ownerRef: page.ownerRef,
    title: page.title,
    description: page.description,
    incidentId: page.incidentId,
    link: page.link,
    severity: page.severity,
    policyId: page.policyId,
    policyName: page.policyName,
    status: page.status,
    openedAt: iso(page.openedAt),
    openedBy: page.openedBy,
    acknowledgedAt: isoOrUndefined(page.acknowledgedAt),
    acknowledgedBy: page.acknowledgedBy,
    resolvedAt: isoOrUndefined(page.resolvedAt),
    nextEscalationAt: isoOrUndefined(page.nextEscalationAt),
    deliveries: deliveries
      .filter(d => d.pageId === page.id)
      .map(d => ({
        repeatIndex: d.repeatIndex,
        stepIndex: d.stepIndex,
        userRef: d.userRef,
        channel: d.channel,
        via: d.via,
        at: iso(d.at),
      })),
  };
}
