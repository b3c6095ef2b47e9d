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
  toMillis,
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
  | 'INCIDENT_CLOSED'
  | 'ALREADY_ACKNOWLEDGED'
  | 'HAS_COMMANDER';

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

/** Whether an actor is a person (a user entity ref), not Alertmanager or a service. */
export function isUserActor(actor: string): boolean {
  return actor.toLowerCase().startsWith('user:');
}

/**
 * Records the first acknowledgement: a person acting on an incident
 * (changing its status, assigning a commander, pressing acknowledge) has
 * seen it. Alertmanager and services never acknowledge.
 */
function acknowledge(
  incident: Incident,
  actor: string,
  now: string,
  events: TimelineEvent[],
): void {
  if (incident.timestamps.acknowledgedAt || !isUserActor(actor)) return;
  incident.timestamps.acknowledgedAt = now;
  incident.acknowledgedBy = actor;
  events.push({ type: 'acknowledged', at: now, actor });
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
 * Timestamps: `acknowledgedAt` (and `acknowledgedBy`, with an
 * `acknowledged` event) on the first commander assignment or status change
 * by a user (never by Alertmanager or a service); `mitigatedAt` on first reaching `monitoring` (or `resolved`
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
    if (to === 'monitoring' || to === 'resolved') ts.mitigatedAt ??= now;
    if (to === 'resolved') ts.resolvedAt ??= now;
    if (to === 'closed') ts.closedAt ??= now;
    if (from === 'resolved' && to === 'investigating') delete ts.resolvedAt;
    events.push({ type: 'status_changed', at: now, actor, from, to });
    acknowledge(next, actor, now, events);
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
          acknowledge(next, actor, now, events);
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

/** Clock skew forgiven when a declarer's `detectedAt` lies a little ahead of the server's clock. */
export const DETECTED_AT_MAX_SKEW_MS = 2 * 60_000;

/**
 * Checks a declarer's `detectedAt` against the declaration time `now`: not
 * after it (beyond {@link DETECTED_AT_MAX_SKEW_MS} of clock skew, which is
 * clamped to `now`). Returns the value to store, or why it is refused.
 */
export function checkDetectedAt(
  detectedAt: string | undefined,
  now: string,
  maxSkewMs = DETECTED_AT_MAX_SKEW_MS,
): { ok: true; detectedAt: string } | { ok: false; message: string } {
  if (detectedAt === undefined) return { ok: true, detectedAt: now };
  const detected = toMillis(detectedAt);
  const declared = toMillis(now);
  if (!Number.isFinite(detected)) {
    return { ok: false, message: 'detectedAt: must be an ISO 8601 timestamp' };
  }
  if (detected > declared + maxSkewMs) {
    return {
      ok: false,
      message: `detectedAt: ${detectedAt} is after the declaration (${now}); an incident is detected before it is declared`,
    };
  }
  return {
    ok: true,
    detectedAt: detected > declared ? now : new Date(detected).toISOString(),
  };
}

/**
 * Builds a new incident (version 1, status `investigating`) from a declare
 * request. Declared by a person (`source: 'user'`, the default), it is
 * acknowledged by the declarer at once and detected at `detectedAt` (checked
 * with {@link checkDetectedAt} first) or now. Opened by Alertmanager, it is
 * detected when its earliest alert started and unacknowledged.
 */
export function declareIncident(
  request: DeclareIncidentRequest & { alertGroupKey?: string },
  id: string,
  actor: string,
  now: string,
  options: { source?: 'user' | 'alertmanager' } = {},
): { incident: Incident; events: TimelineEvent[] } {
  const byUser = (options.source ?? 'user') === 'user';
  const detectedAt = request.detectedAt ?? (byUser ? now : undefined);
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
      ...(detectedAt
        ? {
            detectedAt: toMillis(detectedAt) > toMillis(now) ? now : detectedAt,
          }
        : {}),
      ...(byUser ? { acknowledgedAt: now } : {}),
    },
    ...(byUser ? { acknowledgedBy: actor } : {}),
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
  }
  return { incident, events };
}

/** A refusal of acknowledge / take-command that is a 409 (with the current state). */
function refuse(
  code: IncidentUpdateErrorCode,
  message: string,
): IncidentUpdateResult {
  return { ok: false, error: { code, message } };
}

/** The refusal of an action on a stale version or a closed incident, if any. */
function refuseStaleOrClosed(
  current: Incident,
  expectedVersion: number,
): IncidentUpdateResult | undefined {
  const check = checkVersion(current, expectedVersion);
  if (!check.ok) return refuse('VERSION_CONFLICT', check.message);
  if (current.status === 'closed') {
    return refuse('INCIDENT_CLOSED', 'a closed incident cannot be changed');
  }
  return undefined;
}

/**
 * `POST /incidents/:id/acknowledge`: the actor acknowledges the incident
 * now. Refused (a conflict) when the version is stale, it is already
 * acknowledged, or it is closed.
 */
export function acknowledgeIncident(
  current: Incident,
  expectedVersion: number,
  actor: string,
  now: string,
): IncidentUpdateResult {
  const refused = refuseStaleOrClosed(current, expectedVersion);
  if (refused) return refused;
  if (current.timestamps.acknowledgedAt) {
    return refuse(
      'ALREADY_ACKNOWLEDGED',
      `incident ${current.id} was already acknowledged at ${
        current.timestamps.acknowledgedAt
      }${current.acknowledgedBy ? ` by ${current.acknowledgedBy}` : ''}`,
    );
  }
  const next: Incident = {
    ...current,
    timestamps: { ...current.timestamps, acknowledgedAt: now },
    acknowledgedBy: actor,
    updatedAt: now,
    version: current.version + 1,
  };
  return {
    ok: true,
    incident: next,
    events: [{ type: 'acknowledged', at: now, actor }],
    changed: true,
  };
}

/**
 * `POST /incidents/:id/take-command`: the actor (a user) becomes the
 * commander, recorded like any role change (role history, `role_assigned`,
 * acknowledgement). Refused (a conflict) when the version is stale, it is
 * closed or it already has a commander.
 */
export function takeCommand(
  current: Incident,
  expectedVersion: number,
  actor: string,
  now: string,
): IncidentUpdateResult {
  const refused = refuseStaleOrClosed(current, expectedVersion);
  if (refused) return refused;
  if (current.roles.commander) {
    return refuse(
      'HAS_COMMANDER',
      `incident ${current.id} already has a commander (${current.roles.commander})`,
    );
  }
  return applyIncidentUpdate(
    current,
    { roles: { commander: actor } },
    actor,
    now,
  );
}
