import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { responseErrorOf, toQueryString } from '@vigil/frontend-kit';
import type { OnCallApi } from './OnCallApi';
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

type Param = string | number | boolean | undefined | null;

/** `?a=1&b=x&b=y`: arrays repeat the parameter; unset values are left out. */
function query(values: Record<string, Param | Param[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null || item === '') continue;
      params.append(key, String(item));
    }
  }
  return toQueryString(params);
}

const id = (value: string) => encodeURIComponent(value);

/**
 * HTTP client of the on-call backend; fetchApi adds the user's token.
 * @public
 */
export class OnCallClient implements OnCallApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listSchedules(q: ScheduleListQuery = {}) {
    return this.request<ListResponse<Schedule>>(
      'GET',
      `/schedules${query({ ...q })}`,
    );
  }
  getSchedule(scheduleId: string) {
    return this.request<Schedule>('GET', `/schedules/${id(scheduleId)}`);
  }
  createSchedule(body: CreateScheduleRequest) {
    return this.request<Schedule>('POST', '/schedules', body);
  }
  updateSchedule(scheduleId: string, body: UpdateScheduleRequest) {
    return this.request<Schedule>('PUT', `/schedules/${id(scheduleId)}`, body);
  }
  deleteSchedule(scheduleId: string, version: number) {
    return this.request<void>(
      'DELETE',
      `/schedules/${id(scheduleId)}${query({ version })}`,
    );
  }
  getTimeline(scheduleId: string, range: { from?: string; to?: string } = {}) {
    return this.request<ScheduleTimeline>(
      'GET',
      `/schedules/${id(scheduleId)}/timeline${query(range)}`,
    );
  }
  getScheduleOnCall(scheduleId: string, at?: string) {
    return this.request<OnCallNow>(
      'GET',
      `/schedules/${id(scheduleId)}/on-call${query({ at })}`,
    );
  }
  createOverride(scheduleId: string, body: CreateOverrideRequest) {
    return this.request<OverrideJson>(
      'POST',
      `/schedules/${id(scheduleId)}/overrides`,
      body,
    );
  }
  deleteOverride(scheduleId: string, overrideId: string) {
    return this.request<void>(
      'DELETE',
      `/schedules/${id(scheduleId)}/overrides/${id(overrideId)}`,
    );
  }
  getOnCall(q: OnCallQuery) {
    return this.request<OnCallAnswer>('GET', `/on-call${query({ ...q })}`);
  }
  getMyShifts(range: { from?: string; to?: string } = {}) {
    return this.request<{ items: MyShift[] }>(
      'GET',
      `/my/shifts${query(range)}`,
    );
  }
  listPolicies(
    q: { ownerRef?: string[]; limit?: number; offset?: number } = {},
  ) {
    return this.request<ListResponse<EscalationPolicy>>(
      'GET',
      `/policies${query({ ...q })}`,
    );
  }
  getPolicy(policyId: string) {
    return this.request<EscalationPolicy>('GET', `/policies/${id(policyId)}`);
  }
  createPolicy(body: EscalationPolicyRequest) {
    return this.request<EscalationPolicy>('POST', '/policies', body);
  }
  updatePolicy(
    policyId: string,
    body: EscalationPolicyRequest & { version: number },
  ) {
    return this.request<EscalationPolicy>(
      'PUT',
      `/policies/${id(policyId)}`,
      body,
    );
  }
  deletePolicy(policyId: string, version: number) {
    return this.request<void>(
      'DELETE',
      `/policies/${id(policyId)}${query({ version })}`,
    );
  }
  createPage(body: CreatePageRequest) {
    return this.request<PageOutcome>('POST', '/pages', body);
  }
  listPages(q: PageListQuery = {}) {
    const { mine, ...rest } = q;
    return this.request<ListResponse<PageJson>>(
      'GET',
      `/pages${query({ mine: mine ? 'true' : undefined, ...rest })}`,
    );
  }
  getPage(pageId: string) {
    return this.request<PageJson>('GET', `/pages/${id(pageId)}`);
  }
  acknowledgePage(pageId: string) {
    return this.request<PageJson>('POST', `/pages/${id(pageId)}/acknowledge`);
  }
  createCalendarToken(body: CalendarTokenRequest) {
    return this.request<CreatedCalendarToken>('POST', '/calendar-tokens', body);
  }
  listCalendarTokens() {
    return this.request<{ items: CalendarToken[] }>('GET', '/calendar-tokens');
  }
  revokeCalendarToken(tokenId: string) {
    return this.request<void>('DELETE', `/calendar-tokens/${id(tokenId)}`);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('oncall');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await responseErrorOf(response);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
