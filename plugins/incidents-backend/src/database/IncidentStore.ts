import type {
  ActionItem,
  ActionItemWithContext,
  Incident,
  IncidentAlert,
  IncidentDetails,
  KnownAlertState,
  ListActionItemsQuery,
  IncidentList,
  ListIncidentsQuery,
  ListPostmortemsQuery,
  MetricsIncident,
  PendingResolution,
  Postmortem,
  PostmortemListItem,
  TimelineEntry,
  TimelineEvent,
} from '@vigil/backstage-plugin-incidents-common';
import type { NamespacePurgeCounts } from './operations/incidents/purgeNamespace';

export type { NamespacePurgeCounts };

/** An incident with the owners of its affected entities (for permissions and notifications). */
export interface StoredIncident {
  incident: Incident;
  ownerRefs: string[];
}

/**
 * What a transactional mutation decides from the stored state: a new
 * incident state and timeline events to append, or a typed refusal.
 */
export type IncidentMutation<E> =
  | {
      ok: true;
      incident: Incident;
      events: TimelineEvent[];
      ownerRefs?: string[];
      changed: boolean;
    }
  | { ok: false; error: E };

export type MutationOutcome<E> =
  | {
      ok: true;
      stored: StoredIncident;
      events: TimelineEntry[];
      changed: boolean;
    }
  | { ok: false; error: E; current: StoredIncident }
  | { ok: false; notFound: true };

/** The Alertmanager intake's decision for one notification, made under the group's lock. */
export interface AlertGroupDecision {
  /** A new incident to create (and point the group and its problem at). */
  open?: { incident: Incident; ownerRefs: string[] };
  /** The existing incident's new state, when it changes. */
  update?: Incident;
  events: TimelineEvent[];
  alerts: IncidentAlert[];
  /** Resolutions that came before their firing: remember them. */
  rememberResolutions?: PendingResolution[];
  /** Fingerprints whose remembered resolution was applied: forget them. */
  appliedResolutions?: string[];
  /** The group's truncation count to remember. */
  truncatedAlerts?: number;
}

export interface AlertGroupState {
  /**
   * The group's incident, or (`correlated`) the open incident of the
   * group's problem when the group has none open.
   */
  stored?: StoredIncident;
  /** `stored` is the problem's incident, not (yet) the group's. */
  correlated: boolean;
  /** The alerts of `stored`, by fingerprint. */
  knownAlerts: Map<string, KnownAlertState>;
  /** Remembered resolutions of the notification's firing alerts, by fingerprint. */
  pendingResolutions: Map<string, Omit<PendingResolution, 'fingerprint'>>;
  /** The group's truncation count last recorded on a timeline. */
  lastTruncatedAlerts: number;
}

/**
 * A group's open incident with its alerts and the group's truncation count,
 * read without locks: enough to see that a notification changes nothing.
 */
export interface AlertGroupSnapshot {
  stored: StoredIncident;
  knownAlerts: Map<string, KnownAlertState>;
  lastTruncatedAlerts: number;
}

/** One Alertmanager notification as the store takes it. */
export interface AlertGroupRequest {
  groupKey: string;
  /** The notification's problem (alertCorrelationKey), when it has one. */
  correlationKey?: string;
  /** Its firing alerts: their remembered resolutions are loaded. */
  firingAlerts: Array<{ fingerprint: string; startsAt: string }>;
  /** Receive time, epoch ms. */
  now: number;
}

export interface AlertGroupOutcome {
  incidentId?: string;
  opened: boolean;
  stored?: StoredIncident;
  events: TimelineEntry[];
}

export type PostmortemMutation<E> =
  | { ok: true; postmortem: Postmortem; changed: boolean }
  | { ok: false; error: E };

export type PostmortemOutcome<E> =
  | { ok: true; postmortem: Postmortem; changed: boolean }
  | { ok: false; error: E; current: Postmortem }
  | { ok: false; notFound: true };

export interface SearchDocumentsPage<T> {
  items: T[];
  nextCursor?: string;
}

/** What an incident's page shows besides the caller's permissions, read at once. */
export interface IncidentPage {
  stored: StoredIncident;
  timeline: TimelineEntry[];
  alerts: IncidentAlert[];
  postmortem?: IncidentDetails['postmortem'];
}

export interface IncidentSearchRow {
  incident: Incident;
  notes: string[];
}

/** Storage of incidents, timelines, alerts, postmortems and action items. */
export interface IncidentStore {
  createIncident(
    stored: StoredIncident,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]>;
  getIncident(id: string): Promise<StoredIncident | undefined>;
  /** The incident with its timeline, alerts and postmortem summary, in one read. */
  getIncidentPage(id: string): Promise<IncidentPage | undefined>;
  /** Every entity ref that appears on an incident, once. */
  incidentEntityRefs(): Promise<string[]>;
  /** `visible`: only incidents affecting one of these entities (undefined: all). */
  listIncidents(
    query: ListIncidentsQuery,
    visible?: readonly string[],
  ): Promise<IncidentList>;
  /** Runs `mutate` on the current state under a row lock and writes its result. */
  mutateIncident<E>(
    id: string,
    mutate: (current: StoredIncident) => IncidentMutation<E>,
  ): Promise<MutationOutcome<E>>;
  getTimeline(incidentId: string): Promise<TimelineEntry[]>;
  getAlerts(incidentId: string): Promise<IncidentAlert[]>;

  /**
   * Serializes on the group key and then on the correlation key (one lock
   * order on both databases), loads the incident (the group's, else the open
   * one of its problem), its known alerts and remembered resolutions, lets
   * `decide` plan, then writes the plan in the same transaction.
   */
  processAlertGroup(
    request: AlertGroupRequest,
    decide: (state: AlertGroupState) => AlertGroupDecision,
  ): Promise<AlertGroupOutcome>;
  /**
   * The group's incident when it has one that is not closed, with its alerts
   * and the group's truncation count, in one unlocked read.
   */
  readAlertGroup(groupKey: string): Promise<AlertGroupSnapshot | undefined>;
  /** Forgets remembered resolutions received before `before` (epoch ms); returns how many. */
  prunePendingResolutions(before: number): Promise<number>;

  createPostmortem(
    postmortem: Postmortem,
    createdBy: string,
  ): Promise<{ created: boolean; postmortem: Postmortem }>;
  getPostmortem(id: string): Promise<Postmortem | undefined>;
  getPostmortemByIncident(incidentId: string): Promise<Postmortem | undefined>;
  /** Like mutateIncident; `actor` is recorded on the incident's timeline when it publishes. */
  mutatePostmortem<E>(
    id: string,
    mutate: (current: Postmortem) => PostmortemMutation<E>,
    actor?: string,
  ): Promise<PostmortemOutcome<E>>;
  /** `drafts`: whose draft postmortems the list may show (undefined: all). */
  listPostmortems(
    query: ListPostmortemsQuery,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: PostmortemListItem[]; totalCount: number }>;

  /** `drafts`: items of draft postmortems only for this reader (undefined: all). */
  listActionItems(
    query: ListActionItemsQuery,
    today: string,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: ActionItemWithContext[]; totalCount: number }>;
  getActionItem(
    id: string,
  ): Promise<
    (ActionItem & { postmortemId: string; incidentId: string }) | undefined
  >;

  /** Incidents declared in `[from, to)` (optionally of one entity), with action items. */
  metricsIncidents(
    from: number,
    to: number,
    entityRef?: string,
  ): Promise<Array<MetricsIncident & { entityRefs: string[] }>>;
  /** `excludeNamespace`: incidents affecting only its entities are not counted. */
  countOpenBySeverity(options?: {
    excludeNamespace?: string;
  }): Promise<Record<string, number>>;
  /**
   * Deletes every incident affecting only entities of `namespace` (the
   * sandbox's), with everything of it; returns what it deleted.
   */
  purgeNamespace(namespace: string): Promise<NamespacePurgeCounts>;

  searchIncidents(
    cursor: string | undefined,
    limit: number,
  ): Promise<SearchDocumentsPage<IncidentSearchRow>>;
  searchPublishedPostmortems(
    cursor: string | undefined,
    limit: number,
  ): Promise<
    SearchDocumentsPage<{ postmortem: Postmortem; incident: Incident }>
  >;
}

/**
 * Who reads draft postmortems in lists: the drafts the reader authored, of
 * incidents it commands, or of incidents one of its claims owns (as
 * GET /postmortems/:id allows). Published ones are everyone's who sees the
 * incident.
 */
export interface DraftReader {
  /** The reader's user ref (or service subject). */
  actor: string;
  /** Its ownership claims (user and group refs); empty for services. */
  claims: string[];
}
