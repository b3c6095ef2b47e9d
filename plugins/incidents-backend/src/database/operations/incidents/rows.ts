import {
  Incident,
  IncidentRoles,
  RoleAssignment,
  Severity,
  toMillis,
} from '@vigil/backstage-plugin-incidents-common';

/** A row of `incidents`. */
export interface IncidentRow {
  id: string;
  title: string;
  summary: string | null;
  severity: string;
  status: string;
  entity_refs: string;
  owner_refs: string;
  roles: string;
  role_history: string;
  commander: string | null;
  detected_at: number | string | null;
  declared_at: number | string;
  acknowledged_at: number | string | null;
  acknowledged_by?: string | null;
  mitigated_at: number | string | null;
  resolved_at: number | string | null;
  closed_at: number | string | null;
  postmortem_state: string | null;
  alert_group_key: string | null;
  created_by: string;
  updated_at: number | string;
  version: number | string;
}

export const iso = (ms: number | string): string =>
  new Date(Number(ms)).toISOString();
export const isoOrUndefined = (
  ms: number | string | null,
): string | undefined =>
  ms === null || ms === undefined ? undefined : iso(ms);
export const msOrNull = (value: string | undefined): number | null =>
  value ? toMillis(value) : null;

export type TimestampColumns = Pick<
  IncidentRow,
  | 'detected_at'
  | 'declared_at'
  | 'acknowledged_at'
  | 'mitigated_at'
  | 'resolved_at'
  | 'closed_at'
>;

export function rowTimestamps(row: TimestampColumns): Incident['timestamps'] {
  const timestamps: Incident['timestamps'] = {
    declaredAt: iso(row.declared_at),
  };
  const optional = {
    detectedAt: row.detected_at,
    acknowledgedAt: row.acknowledged_at,
    mitigatedAt: row.mitigated_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
  } as const;
  for (const [key, value] of Object.entries(optional)) {
    const at = isoOrUndefined(value);
    if (at) timestamps[key as keyof typeof optional] = at;
  }
  return timestamps;
}

export function rowToIncident(row: IncidentRow): Incident {
  const timestamps = rowTimestamps(row);
  return {
    id: row.id,
    title: row.title,
    ...(row.summary !== null ? { summary: row.summary } : {}),
    severity: row.severity as Severity,
    status: row.status as Incident['status'],
    entityRefs: JSON.parse(row.entity_refs),
    roles: JSON.parse(row.roles) as IncidentRoles,
    roleHistory: JSON.parse(row.role_history) as RoleAssignment[],
    timestamps,
    ...(row.acknowledged_by ? { acknowledgedBy: row.acknowledged_by } : {}),
    ...(row.postmortem_state
      ? { postmortemState: row.postmortem_state as Incident['postmortemState'] }
      : {}),
    ...(row.alert_group_key ? { alertGroupKey: row.alert_group_key } : {}),
    createdBy: row.created_by,
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

export function incidentToRow(
  incident: Incident,
  ownerRefs: string[],
): IncidentRow {
  const ts = incident.timestamps;
  return {
    id: incident.id,
    title: incident.title,
    summary: incident.summary ?? null,
    severity: incident.severity,
    status: incident.status,
    entity_refs: JSON.stringify(incident.entityRefs),
    owner_refs: JSON.stringify(ownerRefs),
    roles: JSON.stringify(incident.roles),
    role_history: JSON.stringify(incident.roleHistory),
    commander: incident.roles.commander ?? null,
    detected_at: msOrNull(ts.detectedAt),
    declared_at: toMillis(ts.declaredAt),
    acknowledged_at: msOrNull(ts.acknowledgedAt),
    acknowledged_by: incident.acknowledgedBy ?? null,
    mitigated_at: msOrNull(ts.mitigatedAt),
    resolved_at: msOrNull(ts.resolvedAt),
    closed_at: msOrNull(ts.closedAt),
    postmortem_state: incident.postmortemState ?? null,
    alert_group_key: incident.alertGroupKey ?? null,
    created_by: incident.createdBy,
    updated_at: toMillis(incident.updatedAt),
    version: incident.version,
  };
}
