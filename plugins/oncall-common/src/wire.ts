/**
 * The JSON shapes of the on-call backend's answers (ROUTES.md): the domain
 * types of model.ts with instants as ISO 8601 strings (UTC). Types only, so
 * the backend that writes them and the frontend that reads them agree.
 */
import type {
  Override,
  PageStatus,
  TemporarySchedule,
  TimelineSource,
} from './model';

/** An override with ISO instants. @public */
export type OverrideJson = Omit<Override, 'start' | 'end'> & {
  start: string;
  end: string;
};

/** A temporary schedule (and its shifts) with ISO instants. @public */
export type TemporaryScheduleJson = Omit<
  TemporarySchedule,
  'start' | 'end' | 'shifts'
> & {
  start: string;
  end: string;
  shifts: { start: string; end: string; userRef: string }[];
};

/** A half-open range of ISO instants. @public */
export interface RangeJson {
  start: string;
  end: string;
}

/** One shift of a layer's rotation. @public */
export interface TimelineShiftJson extends RangeJson {
  index: number;
  userRef: string;
}

/** One segment of a final timeline. @public */
export interface FinalSegmentJson extends RangeJson {
  userRefs: string[];
  gap: boolean;
  source: TimelineSource;
  layerId?: string;
}

/** A schedule's layers, overrides and final result for a range. @public */
export interface ScheduleTimeline {
  scheduleId: string;
  timeZone: string;
  from: string;
  to: string;
  layers: { layerId: string; name: string; shifts: TimelineShiftJson[] }[];
  overrides: OverrideJson[];
  temporarySchedules: TemporaryScheduleJson[];
  final: FinalSegmentJson[];
  gaps: RangeJson[];
}

/** Who is on call on one schedule at `at`; empty `userRefs` is a gap. @public */
export interface OnCallNow {
  scheduleId: string;
  scheduleName: string;
  timeZone: string;
  at: string;
  userRefs: string[];
  until: string | null;
  next: { userRefs: string[]; start: string } | null;
}

/** Who is on call for an entity, a group or a schedule. @public */
export interface OnCallAnswer {
  at: string;
  ownerRef: string | null;
  schedules: OnCallNow[];
  policy: { id: string; name: string } | null;
}

/** One of a user's shifts (`GET /my/shifts`). @public */
export interface MyShift extends RangeJson {
  scheduleId: string;
  scheduleName: string;
  ownerRef: string;
}

/** Who a page reached, at which step, how. @public */
export interface PageDeliveryJson {
  repeatIndex: number;
  stepIndex: number;
  userRef: string;
  channel: string;
  via: string;
  at: string;
}

/** A page with who was reached. @public */
export interface PageJson {
  id: string;
  entityRef: string;
  ownerRef: string;
  title: string;
  description?: string;
  incidentId?: string;
  link?: string;
  severity: string;
  policyId?: string;
  policyName?: string;
  status: PageStatus;
  openedAt: string;
  openedBy: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  nextEscalationAt?: string;
  deliveries: PageDeliveryJson[];
}

/** The answer to `POST /pages`. @public */
export interface PageOutcome {
  outcome: 'paged' | 'no-policy' | 'nobody-on-call';
  page: PageJson | null;
  pagedUserRefs: string[];
  message: string;
}

/** A live calendar feed token (never the token itself). @public */
export interface CalendarTokenJson {
  id: string;
  kind: 'schedule' | 'user';
  subject: string;
  createdAt: string;
}

/** A new calendar feed token. @public */
export interface CreatedCalendarTokenJson extends CalendarTokenJson {
  /** Holds the token: shown once. */
  url: string;
}

/** A page of a list. @public */
export interface ListResponse<T> {
  items: T[];
  total: number;
}
