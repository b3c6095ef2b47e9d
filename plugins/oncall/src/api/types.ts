/**
 * The on-call backend's JSON shapes (declared once, in oncall-common's
 * wire.ts, under the names the UI uses) and the client's query options.
 */
import type { PageStatus } from '@vigil/backstage-plugin-oncall-common';

export type {
  CalendarTokenRequest,
  CreateOverrideRequest,
  CreatePageRequest,
  CreateScheduleRequest,
  CreateTemporaryScheduleRequest,
  EscalationPolicy,
  EscalationPolicyRequest,
  EscalationStep,
  EscalationTarget,
  Layer,
  LayerInput,
  OverrideAction,
  PageStatus,
  Restriction,
  RotationUnit,
  Schedule,
  TakeShiftRequest,
  UpdateScheduleRequest,
} from '@vigil/backstage-plugin-oncall-common';

export type {
  CalendarTokenJson as CalendarToken,
  CreatedCalendarTokenJson as CreatedCalendarToken,
  FinalSegmentJson as FinalSegment,
  ListResponse,
  MyShift,
  OnCallAnswer,
  OnCallNow,
  OverrideJson,
  PageDeliveryJson as PageDelivery,
  PageJson,
  PageOutcome,
  RangeJson as Range,
  ScheduleTimeline,
  TemporaryScheduleJson,
  TimelineShiftJson as TimelineShift,
} from '@vigil/backstage-plugin-oncall-common';

/** @public */
export interface ScheduleListQuery {
  ownerRef?: string[];
  participantRef?: string;
  limit?: number;
  offset?: number;
}

/** @public */
export interface PageListQuery {
  incidentId?: string;
  entityRef?: string;
  mine?: boolean;
  status?: PageStatus[];
  limit?: number;
  offset?: number;
}

/** Exactly one of entityRef, groupRef, scheduleId. @public */
export type OnCallQuery = (
  | { entityRef: string }
  | { groupRef: string }
  | { scheduleId: string }
) & { at?: string };
