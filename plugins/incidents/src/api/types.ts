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

/** `GET /incidents` filters; the server applies its defaults to absent ones. */
export interface IncidentListQuery {
  /** Incidents affecting this entity (full ref). */
  entityRef?: string;
  /** Incidents whose affected entities this group or user owns. */
  ownerRef?: string;
  status?: IncidentStatusFilter;
  severity?: Severity;
  /** Case-insensitive substring of the title. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** `GET /postmortems` filters. */
export interface PostmortemListQuery {
  state?: PostmortemState;
  entityRef?: string;
  limit?: number;
  offset?: number;
}

/** `GET /action-items` filters. */
export interface ActionItemListQuery {
  /** Owners (users and/or groups, full refs) whose items to list. */
  owner: string[];
  /** `open` = open or in progress (the server's default), `all` = any status. */
  status?: 'open' | 'all';
  limit?: number;
  offset?: number;
}

/** `GET /metrics`; the server defaults to the last 30 days. */
export interface MetricsQuery {
  entityRef?: string;
  from?: Date;
  to?: Date;
}

/*
 * TODO(contract): the backend is adding `IncidentDetails.permissions.acknowledge`
 * / `.takeCommand` and `Incident.acknowledgedBy` to incidents-common. Until it
 * has, read them through these shapes (optional either way, so this compiles
 * before and after), and drop them once it has.
 */

/** What the caller may do with an incident. */
export interface IncidentPermissions {
  update: boolean;
  /** Acknowledge an incident nobody has acknowledged yet. */
  acknowledge: boolean;
  /** Become the commander of an incident that has none. */
  takeCommand: boolean;
}

/** The permissions of `details`, false where the backend did not say. */
export function incidentPermissions(details: {
  permissions: { update: boolean };
}): IncidentPermissions {
  const permissions = details.permissions as {
    update: boolean;
    acknowledge?: boolean;
    takeCommand?: boolean;
  };
  return {
    update: permissions.update,
    acknowledge: permissions.acknowledge ?? false,
    takeCommand: permissions.takeCommand ?? false,
  };
}

/** Who acknowledged the incident (a user ref), when the backend says. */
export function acknowledgedBy(incident: {
  timestamps: { acknowledgedAt?: string };
}): string | undefined {
  return (incident as { acknowledgedBy?: string }).acknowledgedBy;
}
