import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CalendarToken,
  CalendarTokenRequest,
  CreatedCalendarToken,
  CreateOverrideRequest,
  CreatePageRequest,
  CreateScheduleRequest,
  EscalationPolicy,
  EscalationPolicyRequest,
  ListResponse,
  MyShift,
  OnCallAnswer,
  OnCallNow,
  OnCallQuery,
  OverrideJson,
  PageJson,
  PageListQuery,
  PageOutcome,
  Schedule,
  ScheduleListQuery,
  ScheduleTimeline,
  UpdateScheduleRequest,
} from './types';

/**
 * The on-call backend (`/api/oncall`) as the UI uses it. Instants are ISO
 * 8601 strings; failures are `ResponseError`s with the backend's message.
 * @public
 */
export interface OnCallApi {
  listSchedules(query?: ScheduleListQuery): Promise<ListResponse<Schedule>>;
  getSchedule(id: string): Promise<Schedule>;
  createSchedule(request: CreateScheduleRequest): Promise<Schedule>;
  /** 409 when `request.version` is stale. */
  updateSchedule(id: string, request: UpdateScheduleRequest): Promise<Schedule>;
  deleteSchedule(id: string, version: number): Promise<void>;
  /** Default range: now to two weeks ahead. */
  getTimeline(
    id: string,
    range?: { from?: string; to?: string },
  ): Promise<ScheduleTimeline>;
  getScheduleOnCall(id: string, at?: string): Promise<OnCallNow>;
  createOverride(
    scheduleId: string,
    request: CreateOverrideRequest,
  ): Promise<OverrideJson>;
  deleteOverride(scheduleId: string, overrideId: string): Promise<void>;

  /** Who is on call for an entity (through its owner), a group or a schedule. */
  getOnCall(query: OnCallQuery): Promise<OnCallAnswer>;
  /** The caller's shifts; default range: now to four weeks ahead. */
  getMyShifts(range?: {
    from?: string;
    to?: string;
  }): Promise<{ items: MyShift[] }>;

  listPolicies(query?: {
    ownerRef?: string[];
    limit?: number;
    offset?: number;
  }): Promise<ListResponse<EscalationPolicy>>;
  getPolicy(id: string): Promise<EscalationPolicy>;
  createPolicy(request: EscalationPolicyRequest): Promise<EscalationPolicy>;
  /** 409 when `request.version` is stale. */
  updatePolicy(
    id: string,
    request: EscalationPolicyRequest & { version: number },
  ): Promise<EscalationPolicy>;
  deletePolicy(id: string, version: number): Promise<void>;

  createPage(request: CreatePageRequest): Promise<PageOutcome>;
  listPages(query?: PageListQuery): Promise<ListResponse<PageJson>>;
  getPage(id: string): Promise<PageJson>;
  acknowledgePage(id: string): Promise<PageJson>;

  createCalendarToken(
    request: CalendarTokenRequest,
  ): Promise<CreatedCalendarToken>;
  listCalendarTokens(): Promise<{ items: CalendarToken[] }>;
  revokeCalendarToken(id: string): Promise<void>;
}

/** @public */
export const onCallApiRef = createApiRef<OnCallApi>({
  id: 'plugin.oncall.api',
});
