import {
  AlertmanagerPayload,
  AlertmanagerPlan,
  AlertmanagerPlanOptions,
  Incident,
  IncidentAlert,
  alertCorrelationKey,
  alertFingerprint,
  applyIncidentUpdate,
  declareIncident,
  planAlertmanagerNotification,
} from '@vigil/backstage-plugin-incidents-common';
import { randomUUID } from 'crypto';
import type { IncidentsBackendConfig } from '../config';
import type {
  AlertGroupDecision,
  AlertGroupState,
  IncidentStore,
} from '../database/IncidentStore';
import type { EntityDirectory } from './EntityDirectory';
import type { IncidentNotifier } from './IncidentNotifier';
import type { IncidentsTelemetry } from './IncidentsTelemetry';

export interface AlertmanagerResult {
  action: 'opened' | 'updated' | 'unchanged' | 'ignored';
  incidentId?: string;
  outcomes: Array<{ fingerprint: string; outcome: string }>;
  warnings: string[];
}

/**
 * The Alertmanager webhook's processing: maps alerts to entities, plans the
 * notification against the group's incident (incidents-common) and has the
 * store apply the plan under the group's lock. The router has already
 * authenticated and validated the payload.
 */
export class AlertmanagerIntake {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly options: {
      store: IncidentStore;
      directory: EntityDirectory;
      config: IncidentsBackendConfig;
      notifier: IncidentNotifier;
      telemetry?: IncidentsTelemetry;
      now?: () => number;
      newId?: () => string;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  async ingestAlertmanager(
    payload: AlertmanagerPayload,
  ): Promise<AlertmanagerResult> {
    const { directory, config, store } = this.options;
    await directory.ensureFresh();
    const mappingLabels = config.alertmanager.entityLabels;
    // Resolve unknown label values before the transaction: the plan runs
    // synchronously under the group's lock.
    for (const alert of payload.alerts) {
      for (const label of mappingLabels) {
        const value = alert.labels[label] ?? alert.annotations[label];
        if (value && !directory.lookup(value))
          await directory.lookupFresh(value);
      }
    }
    const nowMs = this.now();
    const now = new Date(nowMs).toISOString();
    const entityMapping = {
      label: mappingLabels,
      lookup: (value: string) => directory.lookup(value),
    };
    const fallbackEntityRef = config.alertmanager.fallbackEntityRef;
    const planOptions: AlertmanagerPlanOptions = {
      now,
      entityMapping,
      ...(fallbackEntityRef ? { fallbackEntityRef } : {}),
      resolveIncidentWhenAllResolved:
        config.alertmanager.resolveIncidentWhenAllResolved,
      reopenOnRefire: config.alertmanager.reopenOnRefire,
      severityLabels: config.alertmanager.severityLabels,
      severityMap: config.alertmanager.severityMap,
      defaultSeverity: config.alertmanager.defaultSeverity,
    };
    // Exact repeats (Alertmanager re-sends a group every repeat_interval,
    // both peers of an HA pair send it) and late older notifications change
    // nothing: one unlocked read of the group's incident tells, and no
    // transaction is needed (the answer holds as of that read, as if the
    // notification came just before any delivery still in flight). Anything
    // else is planned again under the lock.
    const snapshot = await store.readAlertGroup(payload.groupKey);
    if (snapshot && payload.truncatedAlerts === snapshot.lastTruncatedAlerts) {
      const repeat = planAlertmanagerNotification(
        snapshot.stored.incident,
        snapshot.knownAlerts,
        payload,
        { ...planOptions, lastTruncatedAlerts: snapshot.lastTruncatedAlerts },
      );
      if (repeat.action === 'ignore') {
        this.options.telemetry?.notification('unchanged');
        return {
          action: 'unchanged',
          incidentId: snapshot.stored.incident.id,
          outcomes: repeat.outcomes,
          warnings: repeat.warnings,
        };
      }
    }

    // One problem (entity and SLO), one incident, whichever group its alerts come in.
    const correlationKey = alertCorrelationKey(payload.alerts, {
      correlationLabels: config.alertmanager.correlationLabels,
      entityMapping,
      ...(fallbackEntityRef ? { fallbackEntityRef } : {}),
    });
    let plan: AlertmanagerPlan | undefined;

    const outcome = await store.processAlertGroup(
      {
        groupKey: payload.groupKey,
        ...(correlationKey !== undefined ? { correlationKey } : {}),
        firingAlerts: payload.alerts
          .filter(alert => alert.status === 'firing')
          .map(alert => ({
            fingerprint: alertFingerprint(alert),
            startsAt: alert.startsAt,
          })),
        now: nowMs,
      },
      state => {
        const options: AlertmanagerPlanOptions = {
          ...planOptions,
          pendingResolutions: state.pendingResolutions,
          lastTruncatedAlerts: state.lastTruncatedAlerts,
        };
        plan = planAlertmanagerNotification(
          state.stored?.incident,
          state.knownAlerts,
          payload,
          options,
        );
        // The problem's incident takes a group's alerts when they fire; a
        // group that only reports resolutions of alerts nobody has seen
        // firing is remembered for their late firing instead.
        if (
          state.correlated &&
          !payload.alerts.some(alert => alert.status === 'firing')
        ) {
          plan = planAlertmanagerNotification(
            undefined,
            new Map(),
            payload,
            options,
          );
        }
        return this.alertGroupDecision(plan, state, payload, now);
      },
    );

    const finalPlan = plan as AlertmanagerPlan | undefined;
    let action: AlertmanagerResult['action'] = 'ignored';
    if (outcome.opened) action = 'opened';
    else if (outcome.incidentId) {
      action = finalPlan?.action === 'update' ? 'updated' : 'unchanged';
    }
    if (outcome.opened && outcome.stored) {
      this.options.notifier.declared(outcome.stored, 'alertmanager');
    } else if (outcome.incidentId && outcome.events.length > 0) {
      this.options.notifier.signal({
        type: 'timeline_appended',
        incidentId: outcome.incidentId,
        ...(outcome.stored
          ? {
              version: outcome.stored.incident.version,
              status: outcome.stored.incident.status,
            }
          : {}),
      });
    }
    this.options.telemetry?.notification(action);
    return {
      action,
      ...(outcome.incidentId ? { incidentId: outcome.incidentId } : {}),
      outcomes: finalPlan?.outcomes ?? [],
      warnings: finalPlan?.warnings ?? [],
    };
  }

  /** What the store writes for a plan: the incident to open or its new state, events, alerts. */
  private alertGroupDecision(
    plan: AlertmanagerPlan,
    state: AlertGroupState,
    payload: AlertmanagerPayload,
    now: string,
  ): AlertGroupDecision {
    const alertsByFingerprint = new Map(
      payload.alerts.map(alert => [alertFingerprint(alert), alert]),
    );
    const alerts: IncidentAlert[] = [...plan.alertUpdates].map(
      ([fingerprint, known]) => {
        const alert = alertsByFingerprint.get(fingerprint)!;
        return {
          fingerprint,
          ...(alert.labels.alertname
            ? { alertName: alert.labels.alertname }
            : {}),
          status: known.status,
          startsAt: known.startsAt,
          ...(known.endsAt ? { endsAt: known.endsAt } : {}),
          labels: alert.labels,
          ...(Object.keys(alert.annotations).length
            ? { annotations: alert.annotations }
            : {}),
          ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
        };
      },
    );
    const bookkeeping = {
      rememberResolutions: plan.rememberResolutions,
      appliedResolutions: plan.appliedResolutions,
      ...(plan.truncatedAlerts !== undefined
        ? { truncatedAlerts: plan.truncatedAlerts }
        : {}),
    };
    if (plan.action === 'open' && plan.declare) {
      // Opened by an alert: detected when it started, unacknowledged.
      const declared = declareIncident(
        plan.declare,
        this.newId(),
        'alertmanager',
        now,
        { source: 'alertmanager' },
      );
      let incident = declared.incident;
      const events = [...declared.events, ...plan.events];
      if (plan.statusChange) {
        // Every alert it opens with was already resolved (their resolutions
        // came first): it opens as it would have ended in order.
        const result = applyIncidentUpdate(
          incident,
          { status: plan.statusChange },
          'alertmanager',
          now,
        );
        if (result.ok && result.changed) {
          incident = result.incident;
          events.push(...result.events);
        }
      }
      return {
        open: {
          incident,
          ownerRefs: this.options.directory.ownersFromIndex(
            plan.declare.entityRefs,
          ),
        },
        events,
        alerts,
        ...bookkeeping,
      };
    }
    const stored = state.stored;
    if (plan.action !== 'update' || !stored) {
      return { events: [], alerts: [], ...bookkeeping };
    }
    let update: Incident | undefined;
    const events = [...plan.events];
    if (plan.statusChange || plan.severityChange) {
      const result = applyIncidentUpdate(
        stored.incident,
        {
          ...(plan.statusChange ? { status: plan.statusChange } : {}),
          ...(plan.severityChange ? { severity: plan.severityChange } : {}),
        },
        'alertmanager',
        now,
      );
      if (result.ok && result.changed) {
        update = result.incident;
        events.unshift(...result.events);
      }
    }
    return { ...(update ? { update } : {}), events, alerts, ...bookkeeping };
  }
}
