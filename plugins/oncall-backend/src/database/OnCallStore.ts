import type {
  EscalationPolicy,
  EscalationStep,
  Layer,
  Override,
  PageStatus,
  Schedule,
  ScheduleVersion,
  TemporarySchedule,
} from '@vigil/backstage-plugin-oncall-common';

/*
 * Storage of the on-call backend. Instants are epoch milliseconds here and
 * ISO strings on the wire. Every edit of a schedule or policy names the
 * version it changes; a stale version is a conflict (`undefined` or
 * `'conflict'` below), never a silent overwrite.
 */

export interface NewSchedule {
  ownerRef: string;
  name: string;
  description?: string;
  timeZone: string;
  layers: Layer[];
  createdBy: string;
  /** The instant the first version takes effect (the creation time). */
  now: number;
}

export interface ScheduleEdit {
  id: string;
  /** The version the caller edited. */
  version: number;
  name: string;
  description?: string;
  timeZone: string;
  layers: Layer[];
  updatedBy: string;
  /** The new definition takes effect from this instant; the past keeps the old one. */
  now: number;
}

export interface ScheduleListQuery {
  ownerRefs?: string[];
  /** Schedules with a layer naming this user. */
  participantRef?: string;
  limit: number;
  offset: number;
}

export interface NewOverride extends Omit<Override, 'id'> {
  createdAt: number;
}

export interface NewTemporarySchedule extends Omit<TemporarySchedule, 'id'> {
  createdAt: number;
}

export interface NewEscalationPolicy {
  ownerRef: string;
  name: string;
  description?: string;
  repeat: number;
  steps: EscalationStep[];
  createdBy: string;
  now: number;
}

export interface EscalationPolicyEdit extends NewEscalationPolicy {
  id: string;
  version: number;
}

/** A page: one attempt to reach whoever is on call for an entity. */
export interface StoredPage {
  id: string;
  entityRef: string;
  ownerRef: string;
  title: string;
  description?: string;
  incidentId?: string;
  link?: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /** The policy as it was when the page opened (later edits do not change a running page). */
  policyId?: string;
  policyName?: string;
  repeat: number;
  steps: EscalationStep[];
  status: PageStatus;
  /** The last step delivered (-1 before the first), within `repeatIndex`. */
  stepIndex: number;
  repeatIndex: number;
  /** When the next step is due; undefined once no step is left or the page is not open. */
  nextEscalationAt?: number;
  openedAt: number;
  openedBy: string;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  resolvedAt?: number;
}

export type NewPage = Omit<
  StoredPage,
  | 'id'
  | 'status'
  | 'stepIndex'
  | 'repeatIndex'
  | 'acknowledgedAt'
  | 'acknowledgedBy'
  | 'resolvedAt'
>;

/** Who was reached, by which channel, for which step of a page. */
export interface PageDelivery {
  pageId: string;
  repeatIndex: number;
  stepIndex: number;
  userRef: string;
  channel: 'notification' | 'email';
  /** The escalation target that resolved to this user (`schedule:<id>`, a group or user ref). */
  via: string;
  at: number;
}

export interface CalendarToken {
  id: string;
  kind: 'schedule' | 'user';
  /** The schedule id or user ref the feed covers. */
  subject: string;
  createdBy: string;
  createdAt: number;
  revokedAt?: number;
}

export interface OnCallStore {
  // schedules
  createSchedule(input: NewSchedule): Promise<Schedule>;
  getSchedule(id: string): Promise<Schedule | undefined>;
  getSchedules(ids: string[]): Promise<Schedule[]>;
  listSchedules(
    query: ScheduleListQuery,
  ): Promise<{ items: Schedule[]; total: number }>;
  /** Undefined when missing; 'conflict' when `version` is not the current one. */
  updateSchedule(
    edit: ScheduleEdit,
  ): Promise<Schedule | 'conflict' | undefined>;
  /** Deletes the schedule with its versions, overrides and temporary schedules. */
  deleteSchedule(id: string, version: number): Promise<boolean | 'conflict'>;
  /** The versions in effect during [from, to), oldest first. */
  getScheduleVersions(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<ScheduleVersion[]>;
  /** Versions in effect during [from, to) of many schedules at once. */
  getScheduleVersionsMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, ScheduleVersion[]>>;

  // overrides and temporary schedules
  createOverride(input: NewOverride): Promise<Override>;
  getOverride(id: string): Promise<Override | undefined>;
  /** Overrides of a schedule that intersect [from, to), by start. */
  listOverrides(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<Override[]>;
  listOverridesMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, Override[]>>;
  deleteOverride(id: string): Promise<boolean>;
  /** Ends an override early (deleting one that already began would rewrite history). */
  truncateOverride(id: string, end: number): Promise<boolean>;
  createTemporarySchedule(
    input: NewTemporarySchedule,
  ): Promise<TemporarySchedule>;
  getTemporarySchedule(id: string): Promise<TemporarySchedule | undefined>;
  listTemporarySchedules(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<TemporarySchedule[]>;
  listTemporarySchedulesMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, TemporarySchedule[]>>;
  deleteTemporarySchedule(id: string): Promise<boolean>;
  truncateTemporarySchedule(id: string, end: number): Promise<boolean>;

  // escalation policies
  createPolicy(input: NewEscalationPolicy): Promise<EscalationPolicy>;
  getPolicy(id: string): Promise<EscalationPolicy | undefined>;
  /** Policies owned by any of these groups, oldest first (a group's first policy is its default). */
  listPolicies(query: {
    ownerRefs?: string[];
    limit: number;
    offset: number;
  }): Promise<{ items: EscalationPolicy[]; total: number }>;
  updatePolicy(
    edit: EscalationPolicyEdit,
  ): Promise<EscalationPolicy | 'conflict' | undefined>;
  deletePolicy(id: string, version: number): Promise<boolean | 'conflict'>;

  // pages and escalation
  createPage(input: NewPage): Promise<StoredPage>;
  getPage(id: string): Promise<StoredPage | undefined>;
  listPages(query: {
    incidentId?: string;
    entityRef?: string;
    /** Pages that reached this user. */
    userRef?: string;
    status?: PageStatus[];
    limit: number;
    offset: number;
  }): Promise<{ items: StoredPage[]; total: number }>;
  /** Open pages whose next step is due at `now`, oldest due first. */
  duePages(now: number, limit: number): Promise<StoredPage[]>;
  /** How many open pages have a step due at `now`, by severity (absent: none). */
  countDuePages(
    now: number,
  ): Promise<Partial<Record<StoredPage['severity'], number>>>;
  /**
   * Moves a page from (repeatIndex, stepIndex) `from` to `to` only if it is
   * still open and at `from`: the compare-and-set that makes each step run
   * exactly once across backend instances. False when another got there.
   */
  advancePage(
    id: string,
    from: { repeatIndex: number; stepIndex: number },
    to: {
      repeatIndex: number;
      stepIndex: number;
      nextEscalationAt?: number;
      status?: PageStatus;
    },
  ): Promise<boolean>;
  /** Open → acknowledged; false when the page was not open. */
  acknowledgePage(id: string, by: string, at: number): Promise<boolean>;
  /** Open or acknowledged → resolved; false otherwise. */
  resolvePage(id: string, at: number): Promise<boolean>;
  /** Records deliveries; one already recorded (same page, repeat, step, user, channel) is skipped. */
  recordDeliveries(deliveries: PageDelivery[]): Promise<void>;
  listDeliveries(pageIds: string[]): Promise<PageDelivery[]>;

  // calendar feeds
  /** Stores the SHA-256 of the token, never the token itself. */
  createCalendarToken(input: {
    tokenHash: string;
    kind: CalendarToken['kind'];
    subject: string;
    createdBy: string;
    createdAt: number;
  }): Promise<CalendarToken>;
  /** The live token with this hash, if any. */
  findCalendarToken(tokenHash: string): Promise<CalendarToken | undefined>;
  listCalendarTokens(createdBy: string): Promise<CalendarToken[]>;
  revokeCalendarToken(id: string, by: string, at: number): Promise<boolean>;
}
