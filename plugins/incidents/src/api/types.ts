/**
 * The incidents API's types live in incidents-common, shared with the
 * backend; this module keeps the frontend's imports in one place and adds the
 * query shapes the client accepts (every field optional).
 */
import type {
  IncidentStatusFilter,
  Severity,
  PostmortemState,
} from '@vigil/backstage-plugin-incidents-common';
import type { SandboxListing } from '@vigil/backstage-plugin-sandbox-common';

export type {
  ActionItem,
  ActionItemInput,
  ActionItemList,
  ActionItemPriority,
  ActionItemStatus,
  ActionItemWithContext,
  AddLinkRequest,
  ChangePostmortemStateRequest,
  ConflictResponse,
  DeclareIncidentRequest,
  Incident,
  IncidentAlert,
  IncidentChanges,
  IncidentDetails,
  IncidentList,
  IncidentMetrics,
  IncidentMetricsResponse,
  IncidentPermissions,
  IncidentRole,
  IncidentSignal,
  IncidentStatus,
  IncidentStatusFilter,
  IncidentsUiConfig,
  Postmortem,
  PostmortemDetails,
  PostmortemList,
  PostmortemListItem,
  PostmortemState,
  PostmortemTimelineEntry,
  RoleChanges,
  SavePostmortemRequest,
  Severity,
  SeverityDefinition,
  SeverityTable,
  TimelineEntry,
  TimelineEvent,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
} from '@vigil/backstage-plugin-incidents-common';

/**
 * `GET /incidents` filters; the server applies its defaults to absent ones.
 * @public
 */
export interface IncidentListQuery {
  /** Incidents affecting this entity (full ref). */
  entityRef?: string;
  /** Incidents whose affected entities this group or user owns. */
  ownerRef?: string;
  status?: IncidentStatusFilter;
  severity?: Severity;
  /** Case-insensitive substring of the title. */
  q?: string;
  /**
   * Incidents affecting only sandbox entities (practice): listed with the
   * others (absent), left out, or alone.
   */
  sandbox?: SandboxListing;
  limit?: number;
  /** Rows to skip; older clients' paging (use `cursor`). */
  offset?: number;
  /** The page after this one: the `nextCursor` of the page before. */
  cursor?: string;
}

/**
 * `GET /postmortems` filters.
 * @public
 */
export interface PostmortemListQuery {
  state?: PostmortemState;
  entityRef?: string;
  limit?: number;
  offset?: number;
}

/**
 * `GET /action-items` filters.
 * @public
 */
export interface ActionItemListQuery {
  /** Owners (users and/or groups, full refs) whose items to list. */
  owner: string[];
  /** `open` = open or in progress (the server's default), `all` = any status. */
  status?: 'open' | 'all';
  limit?: number;
  offset?: number;
}

/**
 * `GET /metrics`; the server defaults to the last 30 days.
 * @public
 */
export interface MetricsQuery {
  entityRef?: string;
  from?: Date;
  to?: Date;
}
