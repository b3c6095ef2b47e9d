/*
 * Planning one Alertmanager notification against what an incident already
 * knows: which alerts attach, resolve or change nothing, and the severity.
 * The payload itself is parsed in alertmanagerPayload.ts.
 */
import {
  Incident,
  Severity,
  TimelineEvent,
  isOpenStatus,
  toMillis,
} from './model';
import { EntityMapping, entityRefForAlert } from './alertCorrelation';
import {
  AlertmanagerAlert,
  AlertmanagerPayload,
  alertFingerprint,
} from './alertmanagerPayload';

// ------------------------------------------------------------------ planning

/** What is known about one alert (by fingerprint) of an incident. */
export interface KnownAlertState {
  status: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
}

/** A resolution that arrived before its alert's firing (same fingerprint and `startsAt`). */
export interface PendingResolution {
  fingerprint: string;
  startsAt: string;
  endsAt?: string;
}

export interface AlertmanagerPlanOptions {
  /** Receive time, ISO. */
  now: string;
  /**
   * Resolutions received before their firing, by fingerprint: a firing with
   * the same `startsAt` lands resolved (`already_resolved`).
   */
  pendingResolutions?: ReadonlyMap<
    string,
    Omit<PendingResolution, 'fingerprint'>
  >;
  /** The group's `truncatedAlerts` last recorded on the timeline (default 0). */
  lastTruncatedAlerts?: number;
  /** Timeline actor for alert events (default `alertmanager`). */
  actor?: string;
  entityMapping?: EntityMapping;
  /** Used when no alert maps to an entity; without it such a group opens no incident. */
  fallbackEntityRef?: string;
  /** Resolve the incident when every alert of the group is resolved (default false). */
  resolveIncidentWhenAllResolved?: boolean;
  /** Reopen a resolved incident when one of its alerts fires again (default true). */
  reopenOnRefire?: boolean;
  /** Labels read for the severity, in order (default `severity`, `sloth_severity`). */
  severityLabels?: string[];
  /** Label value (lower case) → severity; merged over the defaults. */
  severityMap?: Record<string, Severity>;
  /** When no label maps (default SEV3). */
  defaultSeverity?: Severity;
}

export const DEFAULT_ALERT_SEVERITY_MAP: Readonly<Record<string, Severity>> = {
  sev1: 'SEV1',
  sev2: 'SEV2',
  sev3: 'SEV3',
  sev4: 'SEV4',
  critical: 'SEV2',
  page: 'SEV2',
  high: 'SEV2',
  error: 'SEV3',
  warning: 'SEV3',
  ticket: 'SEV3',
  info: 'SEV4',
  low: 'SEV4',
};

export type AlertOutcome =
  | 'new_firing'
  | 'refiring'
  | 'resolved'
  | 'repeat'
  | 'stale'
  | 'unknown_resolved'
  /** A firing whose resolution arrived first: attached and resolved at once. */
  | 'already_resolved';

export interface AlertmanagerPlan {
  /** `open`: declare a new incident; `update`: change the existing one; `ignore`: nothing to do. */
  action: 'open' | 'update' | 'ignore';
  /** For `open`: what to declare. */
  declare?: {
    title: string;
    summary?: string;
    severity: Severity;
    entityRefs: string[];
    detectedAt: string;
    alertGroupKey: string;
  };
  /**
   * Status change to apply (through applyIncidentUpdate) to the existing
   * incident, or (`resolved`) to the new one when every alert it opens with
   * is already resolved.
   */
  statusChange?: 'investigating' | 'resolved';
  /** A more severe alert attached: raise the incident's severity to this. */
  severityChange?: Severity;
  /** Resolutions without a known alert nor an incident: remember them for their late firing. */
  rememberResolutions: PendingResolution[];
  /** Fingerprints whose pending resolution was applied (forget them). */
  appliedResolutions: string[];
  /** The group's `truncatedAlerts` to remember (when there is an incident to record it on). */
  truncatedAlerts?: number;
  /** Timeline events to append. */
  events: TimelineEvent[];
  /** New known states to store, by fingerprint. */
  alertUpdates: Map<string, KnownAlertState>;
  /** What happened to each alert of the payload, in payload order. */
  outcomes: Array<{ fingerprint: string; outcome: AlertOutcome }>;
  warnings: string[];
}

function endMillis(endsAt: string | undefined): number | undefined {
  if (!endsAt) return undefined;
  const ms = toMillis(endsAt);
  // Go's zero time (0001-01-01) means "no end".
  return ms > 0 ? ms : undefined;
}

function classify(
  known: KnownAlertState | undefined,
  alert: AlertmanagerAlert,
  pending: Omit<PendingResolution, 'fingerprint'> | undefined,
): AlertOutcome {
  const start = toMillis(alert.startsAt);
  if (!known) {
    if (alert.status === 'resolved') return 'unknown_resolved';
    return pending && toMillis(pending.startsAt) === start
      ? 'already_resolved'
      : 'new_firing';
  }
  const knownStart = toMillis(known.startsAt);
  if (start < knownStart) return 'stale';
  if (alert.status === 'firing') {
    if (known.status === 'firing') return 'repeat';
    // Known resolved: the same instance firing again is a late notification.
    return start > knownStart ? 'refiring' : 'stale';
  }
  if (known.status === 'firing') return 'resolved';
  if (start > knownStart) return 'resolved';
  const end = endMillis(alert.endsAt);
  const knownEnd = endMillis(known.endsAt);
  return end !== undefined && knownEnd !== undefined && end < knownEnd
    ? 'stale'
    : 'repeat';
}

/** The most severe severity the label sets name (SEV1 is the most severe), if any. */
function labelledSeverity(
  labelSets: ReadonlyArray<Record<string, string>>,
  options: AlertmanagerPlanOptions,
): Severity | undefined {
  const map = { ...DEFAULT_ALERT_SEVERITY_MAP, ...(options.severityMap ?? {}) };
  const labels = options.severityLabels ?? ['severity', 'sloth_severity'];
  let best: Severity | undefined;
  for (const set of labelSets) {
    for (const label of labels) {
      const value = set[label]?.toLowerCase();
      const sev = value ? map[value] : undefined;
      if (sev && (!best || sev < best)) best = sev;
    }
  }
  return best;
}

function severityFor(
  payload: AlertmanagerPayload,
  options: AlertmanagerPlanOptions,
): Severity {
  return (
    labelledSeverity(
      [payload.commonLabels, ...payload.alerts.map(a => a.labels)],
      options,
    ) ??
    options.defaultSeverity ??
    'SEV3'
  );
}

/**
 * Decides what one Alertmanager notification means for the incident of its
 * `groupKey`: open one, append alert events, reopen or resolve it, or nothing.
 * Alerts are tracked by fingerprint in `knownAlerts`; exact repeats and
 * out-of-order notifications older than what is known change nothing. A
 * closed incident counts as none: a new firing opens a new incident.
 * `existing` may be the open incident of the group's problem (correlation):
 * its alerts attach to it, and a more severe alert raises its severity (never
 * lowers it). A resolution without a known alert or incident is returned in
 * `rememberResolutions`; its late firing (same `startsAt`, passed back in
 * `pendingResolutions`) lands resolved.
 */
export function planAlertmanagerNotification(
  existing: Incident | undefined,
  knownAlerts: ReadonlyMap<string, KnownAlertState>,
  payload: AlertmanagerPayload,
  options: AlertmanagerPlanOptions,
): AlertmanagerPlan {
  const actor = options.actor ?? 'alertmanager';
  const incident =
    existing && existing.status !== 'closed' ? existing : undefined;
  // A closed incident's alerts belong to it, not to the next incident.
  const state = new Map(incident ? knownAlerts : []);
  const events: TimelineEvent[] = [];
  const alertUpdates = new Map<string, KnownAlertState>();
  const outcomes: AlertmanagerPlan['outcomes'] = [];
  const warnings: string[] = [];
  const appliedResolutions: string[] = [];
  const unknownResolved: PendingResolution[] = [];

  if (payload.truncatedAlerts > 0) {
    warnings.push(
      `${payload.truncatedAlerts} alert(s) were truncated by Alertmanager (max_alerts); only ${payload.alerts.length} were seen`,
    );
  }

  for (const alert of payload.alerts) {
    const fingerprint = alertFingerprint(alert);
    const pending = options.pendingResolutions?.get(fingerprint);
    const outcome = classify(state.get(fingerprint), alert, pending);
    outcomes.push({ fingerprint, outcome });
    if (outcome === 'repeat' || outcome === 'stale') continue;
    const alertName = alert.labels.alertname;
    const resolvedNow =
      alert.status === 'resolved' || outcome === 'already_resolved';
    const end = outcome === 'already_resolved' ? pending?.endsAt : alert.endsAt;
    const endsAt =
      resolvedNow && endMillis(end) !== undefined ? end : undefined;
    const next: KnownAlertState = {
      status: resolvedNow ? 'resolved' : 'firing',
      startsAt: alert.startsAt,
      ...(endsAt ? { endsAt } : {}),
    };
    state.set(fingerprint, next);
    alertUpdates.set(fingerprint, next);
    if (outcome === 'unknown_resolved') {
      unknownResolved.push({
        fingerprint,
        startsAt: alert.startsAt,
        ...(endsAt ? { endsAt } : {}),
      });
    }
    if (outcome === 'already_resolved') appliedResolutions.push(fingerprint);
    if (
      outcome === 'new_firing' ||
      outcome === 'refiring' ||
      outcome === 'already_resolved'
    ) {
      events.push({
        type: 'alert_attached',
        at: alert.startsAt,
        actor,
        fingerprint,
        ...(alertName ? { alertName } : {}),
        labels: alert.labels,
        ...(Object.keys(alert.annotations).length
          ? { annotations: alert.annotations }
          : {}),
        startsAt: alert.startsAt,
        ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
      });
    }
    if (outcome === 'resolved' || outcome === 'already_resolved') {
      const at = endsAt ?? options.now;
      events.push({
        type: 'alert_resolved',
        at,
        actor,
        fingerprint,
        ...(alertName ? { alertName } : {}),
        endsAt: at,
      });
    }
  }

  const firedNow = outcomes.some(
    o => o.outcome === 'new_firing' || o.outcome === 'refiring',
  );
  const attachedNow =
    firedNow || outcomes.some(o => o.outcome === 'already_resolved');
  const resolvedNow = outcomes.some(
    o => o.outcome === 'resolved' || o.outcome === 'already_resolved',
  );
  const allResolved = [...state.values()].every(s => s.status === 'resolved');
  const plan: AlertmanagerPlan = {
    action: 'ignore',
    events,
    alertUpdates,
    outcomes,
    warnings,
    rememberResolutions: [],
    appliedResolutions,
  };
  // Recorded once per change of the count, not on every re-send of the group.
  const truncation = (): TimelineEvent[] =>
    payload.truncatedAlerts > 0 &&
    payload.truncatedAlerts !== (options.lastTruncatedAlerts ?? 0)
      ? [
          {
            type: 'alerts_truncated',
            at: options.now,
            actor,
            truncatedAlerts: payload.truncatedAlerts,
            receivedAlerts: payload.alerts.length,
          },
        ]
      : [];
  // Nothing to attach to: forget the alerts, remember early resolutions.
  const nothing = (): AlertmanagerPlan => ({
    ...plan,
    events: [],
    alertUpdates: new Map(),
    appliedResolutions: [],
    rememberResolutions: unknownResolved,
  });

  if (!incident) {
    if (!attachedNow) return nothing();
    const mapped = new Set<string>();
    if (options.entityMapping) {
      for (const alert of payload.alerts) {
        if (alert.status !== 'firing') continue;
        const ref = entityRefForAlert(
          alert.labels,
          alert.annotations,
          options.entityMapping,
        );
        if (ref) mapped.add(ref);
      }
    }
    if (mapped.size === 0 && options.fallbackEntityRef) {
      mapped.add(options.fallbackEntityRef);
    }
    if (mapped.size === 0) {
      warnings.push(
        'no alert of the group maps to a catalog entity and no fallback entity is configured; no incident opened',
      );
      return nothing();
    }
    const firing = payload.alerts.filter(a => a.status === 'firing');
    const detectedAt = firing
      .map(a => a.startsAt)
      .reduce((a, b) => (toMillis(b) < toMillis(a) ? b : a));
    const title =
      payload.commonAnnotations.summary ??
      payload.commonLabels.alertname ??
      payload.groupLabels.alertname ??
      firing[0].labels.alertname ??
      'Alertmanager alert';
    const summary = payload.commonAnnotations.description;
    return {
      ...plan,
      events: [...events, ...truncation()],
      truncatedAlerts: payload.truncatedAlerts,
      ...(options.resolveIncidentWhenAllResolved && allResolved
        ? { statusChange: 'resolved' as const }
        : {}),
      action: 'open',
      declare: {
        title: title.slice(0, 200),
        ...(summary ? { summary } : {}),
        severity: severityFor(payload, options),
        entityRefs: [...mapped],
        detectedAt,
        alertGroupKey: payload.groupKey,
      },
    };
  }

  plan.truncatedAlerts = payload.truncatedAlerts;
  plan.events = [...events, ...truncation()];
  if (plan.events.length === 0 && alertUpdates.size === 0) return plan;
  plan.action = 'update';
  if (
    firedNow &&
    incident.status === 'resolved' &&
    (options.reopenOnRefire ?? true)
  ) {
    plan.statusChange = 'investigating';
  } else if (
    options.resolveIncidentWhenAllResolved &&
    isOpenStatus(incident.status) &&
    resolvedNow &&
    allResolved
  ) {
    plan.statusChange = 'resolved';
  }
  // The incident is as severe as its most severe alert: a more severe alert
  // attaching raises it (a person may still lower it afterwards).
  const attached = payload.alerts.filter((_alert, index) =>
    ['new_firing', 'refiring'].includes(outcomes[index].outcome),
  );
  const raised = labelledSeverity(
    attached.map(a => a.labels),
    options,
  );
  if (raised && raised < incident.severity) plan.severityChange = raised;
  return plan;
}
