import {
  AssignRoleRequest,
  DeclareIncidentRequest,
  INCIDENT_ROLES,
  Incident,
  IncidentChanges,
  IncidentRole,
  IncidentStatus,
  TimelineEvent,
  isOpenStatus,
} from './model';

/** Options of the lifecycle rules, usually from configuration. */
export interface LifecycleOptions {
  /** Allow `resolved → closed` without a published postmortem (default false). */
  allowCloseWithoutPublishedPostmortem?: boolean;
}

export type IncidentUpdateErrorCode =
  | 'VERSION_CONFLICT'
  | 'INVALID_TRANSITION'
  | 'POSTMORTEM_REQUIRED'
  | 'INCIDENT_CLOSED';

export interface IncidentUpdateError {
  code: IncidentUpdateErrorCode;
  message: string;
}

export type IncidentUpdateResult =
  | {
      ok: true;
      incident: Incident;
      events: TimelineEvent[];
      /** False when the update was a no-op (then `incident` is the input and the version is unchanged). */
      changed: boolean;
    }
  | { ok: false; error: IncidentUpdateError };

export type VersionCheckResult =
  | { ok: true }
  | {
      ok: false;
      conflict: { expected: number; actual: number };
      message: string;
    };

/** Optimistic concurrency: does the caller's `expected` version match the stored one? */
export function checkVersion(
  current: Pick<Incident, 'version'> | number,
  expected: number,
): VersionCheckResult {
  const actual = typeof current === 'number' ? current : current.version;
  if (actual === expected) return { ok: true };
  return {
    ok: false,
    conflict: { expected, actual },
    message: `version conflict: expected version ${expected} but the current version is ${actual}; reload and retry`,
  };
}

/**
 * Whether `from → to` is an allowed status transition (ignoring the postmortem
 * rule for closing). Open states move freely among themselves and to
 * `resolved`; `resolved` may reopen to `investigating` or move to `closed`;
 * `closed` is final. A status "transition" to itself is not a transition.
 */
export function isAllowedTransition(
  from: IncidentStatus,
  to: IncidentStatus,
): boolean {
  if (from === to) return false;
  if (isOpenStatus(from)) return to !== 'closed';
  if (from === 'resolved') return to === 'investigating' || to === 'closed';
  return false;
}

/** Turns an assign-role request into incident changes for {@link applyIncidentUpdate}. */
export function assignRoleChanges(
  request: Pick<AssignRoleRequest, 'role' | 'assignee'>,
): IncidentChanges {
  return { roles: { [request.role]: request.assignee } };
}

function applyRoleChange(
  incident: Incident,
  role: IncidentRole,
  assignee: string | null,
  actor: string,
  now: string,
  events: TimelineEvent[],
): boolean {
  const previous = incident.roles[role];
  if ((assignee ?? undefined) === previous) return false;
  incident.roleHistory = incident.roleHistory.map(entry =>
    entry.role === role && entry.unassignedAt === undefined
      ? { ...entry, unassignedAt: now, unassignedBy: actor }
      : entry,
  );
  if (assignee === null) {
    delete incident.roles[role];
    if (previous) {
      events.push({ type: 'role_unassigned', at: now, actor, role, previous });
    }
    return true;
  }
  incident.roles[role] = assignee;
  incident.roleHistory.push({
    role,
    assignee,
    assignedAt: now,
    assignedBy: actor,
  });
  events.push({
    type: 'role_assigned',
    at: now,
    actor,
    role,
    assignee,
    ...(previous ? { previous } : {}),
  });
  return true;
}

/**
 * Applies changes to an incident: validates the status transition, sets the
 * lifecycle timestamps the first time each phase is reached, records role
 * history, bumps the version and returns the timeline events implied.
 *
 * `changes.expectedVersion`, when given, is checked first.
 * Timestamps: `acknowledgedAt` on the first commander assignment or first
 * status change; `mitigatedAt` on first reaching `monitoring` (or `resolved`
 * if the incident skipped monitoring); `resolvedAt` on `resolved`;
 * `closedAt` on `closed`. Reopening (`resolved → investigating`) clears
 * `resolvedAt` so that an open incident never looks resolved; it is set again
 * when the incident is resolved again.
 */
export function applyIncidentUpdate(
  current: Incident,
  changes: IncidentChanges & { expectedVersion?: number },
  actor: string,
  now: string,
  options: LifecycleOptions = {},
): IncidentUpdateResult {
  if (changes.expectedVersion !== undefined) {
    const check = checkVersion(current, changes.expectedVersion);
    if (!check.ok) {
      return {
        ok: false,
        error: { code: 'VERSION_CONFLICT', message: check.message },
      };
    }
  }

  const next: Incident = {
    ...current,
    entityRefs: [...current.entityRefs],
    roles: { ...current.roles },
    roleHistory: [...current.roleHistory],
    timestamps: { ...current.timestamps },
  };
  const events: TimelineEvent[] = [];
  let changed = false;

  if (current.status === 'closed') {
    const wouldChange =
      (changes.status !== undefined && changes.status !== 'closed') ||
      (changes.severity !== undefined &&
        changes.severity !== current.severity) ||
      (changes.title !== undefined && changes.title !== current.title) ||
      (changes.summary !== undefined && changes.summary !== current.summary) ||
      changes.entityRefs !== undefined ||
      changes.roles !== undefined;
    if (wouldChange) {
      return {
        ok: false,
        error: {
          code: 'INCIDENT_CLOSED',
          message: 'a closed incident cannot be changed',
        },
      };
    }
    return { ok: true, incident: current, events: [], changed: false };
  }

  // Status first, so that a rejected transition changes nothing else.
  const to = changes.status;
  if (to !== undefined && to !== current.status) {
    const from = current.status;
    if (!isAllowedTransition(from, to)) {
      return {
        ok: false,
        error: {
          code: 'INVALID_TRANSITION',
          message: `cannot change status from ${from} to ${to}`,
        },
      };
    }
    if (
      to === 'closed' &&
      current.postmortemState !== 'published' &&
      !options.allowCloseWithoutPublishedPostmortem
    ) {
      return {
        ok: false,
        error: {
          code: 'POSTMORTEM_REQUIRED',
          message:
            'an incident can be closed only once its postmortem is published',
        },
      };
    }
    next.status = to;
    const ts = next.timestamps;
    ts.acknowledgedAt ??= now;
    if (to === 'monitoring' || to === 'resolved') ts.mitigatedAt ??= now;
    if (to === 'resolved') ts.resolvedAt ??= now;
    if (to === 'closed') ts.closedAt ??= now;
    if (from === 'resolved' && to === 'investigating') delete ts.resolvedAt;
    events.push({ type: 'status_changed', at: now, actor, from, to });
    changed = true;
  }

  if (changes.severity !== undefined && changes.severity !== current.severity) {
    events.push({
      type: 'severity_changed',
      at: now,
      actor,
      from: current.severity,
      to: changes.severity,
    });
    next.severity = changes.severity;
    changed = true;
  }

  if (changes.title !== undefined && changes.title !== current.title) {
    next.title = changes.title;
    changed = true;
  }
  if (changes.summary !== undefined && changes.summary !== current.summary) {
    next.summary = changes.summary;
    changed = true;
  }
  if (
    changes.entityRefs !== undefined &&
    changes.entityRefs.join('\n') !== current.entityRefs.join('\n')
  ) {
    next.entityRefs = [...changes.entityRefs];
    changed = true;
  }

  if (changes.roles) {
    for (const role of INCIDENT_ROLES) {
      const assignee = changes.roles[role];
      if (assignee === undefined) continue;
      if (applyRoleChange(next, role, assignee, actor, now, events)) {
        changed = true;
        if (role === 'commander' && assignee !== null) {
          next.timestamps.acknowledgedAt ??= now;
        }
      }
    }
  }

  if (!changed)
    return { ok: true, incident: current, events: [], changed: false };
  next.version = current.version + 1;
  next.updatedAt = now;
  return { ok: true, incident: next, events, changed: true };
}

/** Builds a new incident (version 1, status `investigating`) from a declare request. */
export function declareIncident(
  request: DeclareIncidentRequest & { alertGroupKey?: string },
  id: string,
  actor: string,
  now: string,
): { incident: Incident; events: TimelineEvent[] } {
  const incident: Incident = {
    id,
    title: request.title,
    ...(request.summary !== undefined ? { summary: request.summary } : {}),
    severity: request.severity,
    status: 'investigating',
    entityRefs: [...request.entityRefs],
    roles: {},
    roleHistory: [],
    timestamps: {
      declaredAt: now,
      ...(request.detectedAt ? { detectedAt: request.detectedAt } : {}),
    },
    ...(request.alertGroupKey ? { alertGroupKey: request.alertGroupKey } : {}),
    createdBy: actor,
    updatedAt: now,
    version: 1,
  };
  const events: TimelineEvent[] = [];
  if (request.commander) {
    applyRoleChange(
      incident,
      'commander',
      request.commander,
      actor,
      now,
      events,
    );
    incident.timestamps.acknowledgedAt = now;
  }
  return { incident, events };
}
