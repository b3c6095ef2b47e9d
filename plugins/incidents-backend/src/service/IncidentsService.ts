import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ActionItem,
  AddLinkRequest,
  AlertmanagerPayload,
  DeclareIncidentRequest,
  INCIDENTS_SIGNAL_CHANNEL,
  Incident,
  IncidentAlert,
  IncidentDetails,
  IncidentMetricsResponse,
  IncidentPermissions,
  IncidentSignal,
  IncidentUpdateError,
  IncidentUpdateResult,
  Postmortem,
  PostmortemState,
  SavePostmortemRequest,
  TimelineEntry,
  TimelineEvent,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
  AlertmanagerPlan,
  AlertmanagerPlanOptions,
  acknowledgeIncident,
  alertCorrelationKey,
  alertFingerprint,
  applyIncidentUpdate,
  checkDetectedAt,
  declareIncident,
  incidentMetrics,
  isAllowedPostmortemTransition,
  planAlertmanagerNotification,
  takeCommand,
} from '@vigil/backstage-plugin-incidents-common';
import { isVisible } from '@vigil/backend-kit';
import { randomUUID } from 'crypto';
import pLimit from 'p-limit';
import type { IncidentsBackendConfig } from '../config';
import type {
  AlertGroupDecision,
  AlertGroupState,
  IncidentStore,
  StoredIncident,
} from '../database/IncidentStore';
import type { EntityDirectory } from './EntityDirectory';
import type { IncidentsTelemetry } from './IncidentsTelemetry';

const DAY_MS = 86_400_000;
// An alert storm opens many incidents at once; their notifications go out a
// few at a time (each is a request the notifications backend must verify),
// with retries, instead of all at once and mostly failing.
const NOTIFICATION_CONCURRENCY = 2;
const NOTIFICATION_ATTEMPTS = 3;
const NOTIFICATION_RETRY_MS = 1_000;

/** A stale write: the HTTP layer answers 409 with `current`. */
export class VersionConflictError<T> extends ConflictError {
  constructor(message: string, readonly current: T) {
    super(message);
  }
}

const NOTIFICATION_SEVERITY = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
} as const;

export interface AlertmanagerResult {
  action: 'opened' | 'updated' | 'unchanged' | 'ignored';
  incidentId?: string;
  outcomes: Array<{ fingerprint: string; outcome: string }>;
  warnings: string[];
}

/**
 * The incidents domain service: orchestrates the store, the catalog, the
 * lifecycle rules of incidents-common, notifications and signals. The router
 * has already authenticated, validated and authorized the caller.
 */
export class IncidentsService {
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly notificationSlots = pLimit(NOTIFICATION_CONCURRENCY);

  constructor(
    private readonly options: {
      store: IncidentStore;
      directory: EntityDirectory;
      config: IncidentsBackendConfig;
      logger: LoggerService;
      notifications?: NotificationService;
      signals?: SignalsService;
      telemetry?: IncidentsTelemetry;
      now?: () => number;
      newId?: () => string;
      /** First retry delay of a failed notification (then ×3). */
      notificationRetryMs?: number;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  // ---------------------------------------------------------------- reads

  async getStored(id: string): Promise<StoredIncident> {
    const stored = await this.options.store.getIncident(id);
    if (!stored) throw new NotFoundError(`No incident with id ${id}`);
    return stored;
  }

  async details(
    stored: StoredIncident,
    permissions: IncidentPermissions,
  ): Promise<IncidentDetails> {
    const { store } = this.options;
    const id = stored.incident.id;
    const [timeline, alerts, postmortem] = await Promise.all([
      store.getTimeline(id),
      store.getAlerts(id),
      store.getPostmortemByIncident(id),
    ]);
    return {
      incident: stored.incident,
      ownerRefs: stored.ownerRefs,
      timeline,
      alerts,
      ...(postmortem
        ? {
            postmortem: {
              id: postmortem.id,
              state: postmortem.state,
              version: postmortem.version,
            },
          }
        : {}),
      permissions,
    };
  }

  // ---------------------------------------------------------------- declare

  async declare(
    request: DeclareIncidentRequest,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const now = this.nowIso();
    const detected = checkDetectedAt(request.detectedAt, now);
    if (!detected.ok)
      throw new InputError(`Invalid incident: ${detected.message}`);
    const ownerRefs = await this.options.directory.resolveOwners(
      request.entityRefs,
      credentials,
    );
    // Declared by a person: detected when they say (or now), acknowledged now.
    const { incident, events } = declareIncident(
      { ...request, detectedAt: detected.detectedAt },
      this.newId(),
      actor,
      now,
      { source: 'user' },
    );
    const stored = { incident, ownerRefs };
    const entries = await this.options.store.createIncident(stored, events);
    this.afterDeclare(stored, 'user', entries);
    return stored;
  }

  private afterDeclare(
    stored: StoredIncident,
    source: 'user' | 'alertmanager',
    _entries: TimelineEntry[],
  ): void {
    const { incident } = stored;
    this.options.telemetry?.declared(incident.severity, source);
    this.signal({
      type: 'incident_declared',
      incidentId: incident.id,
      version: incident.version,
      status: incident.status,
    });
    if (this.options.config.notifyOnDeclare) {
      void this.notificationSlots(() => this.notifyDeclared(stored));
    }
  }

  private async notifyDeclared(stored: StoredIncident): Promise<void> {
    const { incident, ownerRefs } = stored;
    const recipients = [
      ...new Set([
        ...ownerRefs,
        ...(incident.roles.commander ? [incident.roles.commander] : []),
      ]),
    ];
    if (!this.options.notifications || recipients.length === 0) return;
    const severityName = this.options.config.severities[incident.severity].name;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: `${incident.severity} incident declared: ${incident.title}`,
            description: `${severityName} incident affecting ${incident.entityRefs.join(
              ', ',
            )}${
              incident.summary ? ` — ${incident.summary.slice(0, 300)}` : ''
            }`,
            link: `/incidents/${incident.id}`,
            severity: NOTIFICATION_SEVERITY[incident.severity],
            topic: 'vigil-incidents',
            scope: `incident:${incident.id}`,
          },
        });
        return;
      } catch (error) {
        // The incident exists either way; a lost notification must not undo it.
        if (attempt >= NOTIFICATION_ATTEMPTS) {
          this.options.logger.warn(
            `Could not notify owners of incident ${incident.id} after ${attempt} attempts: ${error}`,
          );
          return;
        }
        await new Promise(resolve =>
          setTimeout(
            resolve,
            (this.options.notificationRetryMs ?? NOTIFICATION_RETRY_MS) *
              3 ** (attempt - 1),
          ),
        );
      }
    }
  }

  private signal(message: IncidentSignal): void {
    const { signals, logger } = this.options;
    if (!signals) return;
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: INCIDENTS_SIGNAL_CHANNEL,
        message: { ...message },
      })
      .catch(error => logger.debug(`Could not publish signal: ${error}`));
  }

  // ---------------------------------------------------------------- update

  async update(
    id: string,
    request: UpdateIncidentRequest,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    // Owners of new affected entities are read before the transaction.
    const ownerRefs = request.entityRefs
      ? await this.options.directory.resolveOwners(
          request.entityRefs,
          credentials,
        )
      : undefined;
    const outcome =
      await this.options.store.mutateIncident<IncidentUpdateError>(
        id,
        current => {
          const result = applyIncidentUpdate(
            current.incident,
            request,
            actor,
            this.nowIso(),
            {
              allowCloseWithoutPublishedPostmortem:
                this.options.config.allowCloseWithoutPublishedPostmortem,
            },
          );
          if (!result.ok) return result;
          return {
            ok: true,
            incident: result.incident,
            events: result.events,
            changed: result.changed,
            ...(ownerRefs && result.changed ? { ownerRefs } : {}),
          };
        },
      );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    if (!outcome.ok) {
      if (outcome.error.code === 'VERSION_CONFLICT') {
        throw new VersionConflictError(outcome.error.message, outcome.current);
      }
      if (outcome.error.code === 'INCIDENT_CLOSED') {
        throw new ConflictError(outcome.error.message);
      }
      throw new InputError(outcome.error.message);
    }
    if (outcome.changed) {
      this.signal({
        type: 'incident_updated',
        incidentId: id,
        version: outcome.stored.incident.version,
        status: outcome.stored.incident.status,
      });
    }
    return outcome.stored;
  }

  /** `POST /incidents/:id/acknowledge`: 409 with the current state when stale, already acknowledged or closed. */
  acknowledge(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<StoredIncident> {
    return this.transition(id, current =>
      acknowledgeIncident(current, expectedVersion, actor, this.nowIso()),
    );
  }

  /** `POST /incidents/:id/take-command`: 409 with the current state when stale, commanded or closed. */
  takeCommand(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<StoredIncident> {
    return this.transition(id, current =>
      takeCommand(current, expectedVersion, actor, this.nowIso()),
    );
  }

  /** A versioned change whose every refusal is a conflict (409 with `current`). */
  private async transition(
    id: string,
    change: (current: Incident) => IncidentUpdateResult,
  ): Promise<StoredIncident> {
    const outcome =
      await this.options.store.mutateIncident<IncidentUpdateError>(
        id,
        current => change(current.incident),
      );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    if (!outcome.ok) {
      throw new VersionConflictError(outcome.error.message, outcome.current);
    }
    this.signal({
      type: 'incident_updated',
      incidentId: id,
      version: outcome.stored.incident.version,
      status: outcome.stored.incident.status,
    });
    return outcome.stored;
  }

  /** Appends a note or link: no version needed, two scribes never conflict. */
  async append(
    id: string,
    event: Extract<TimelineEvent, { type: 'note' } | { type: 'link' }>,
  ): Promise<StoredIncident> {
    const outcome = await this.options.store.mutateIncident<string>(
      id,
      current =>
        current.incident.status === 'closed'
          ? { ok: false, error: 'a closed incident cannot be changed' }
          : {
              ok: true,
              incident: current.incident,
              events: [event],
              changed: false,
            },
    );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    if (!outcome.ok) throw new ConflictError(outcome.error);
    this.signal({ type: 'timeline_appended', incidentId: id });
    return outcome.stored;
  }

  note(id: string, text: string, actor: string): Promise<StoredIncident> {
    return this.append(id, { type: 'note', at: this.nowIso(), actor, text });
  }

  link(
    id: string,
    request: AddLinkRequest,
    actor: string,
  ): Promise<StoredIncident> {
    return this.append(id, {
      type: 'link',
      at: this.nowIso(),
      actor,
      url: request.url,
      ...(request.title ? { title: request.title } : {}),
    });
  }

  // ---------------------------------------------------------------- postmortems

  async createPostmortem(
    incidentId: string,
    actor: string,
  ): Promise<{ created: boolean; postmortem: Postmortem }> {
    const stored = await this.getStored(incidentId);
    const { incident } = stored;
    if (incident.status !== 'resolved' && incident.status !== 'closed') {
      throw new InputError(
        `A postmortem starts once the incident is resolved; it is ${incident.status}`,
      );
    }
    const timeline = await this.options.store.getTimeline(incidentId);
    const template = this.options.config.postmortemTemplate;
    const now = this.nowIso();
    const postmortem: Postmortem = {
      id: this.newId(),
      incidentId,
      title: incident.title,
      state: 'draft',
      authors: actor.startsWith('user:') ? [actor] : [],
      summary: incident.summary
        ? `${incident.summary}\n\n${template.summary}`
        : template.summary,
      impact: template.impact,
      rootCauses: template.rootCauses,
      trigger: template.trigger,
      resolution: template.resolution,
      detection: template.detection,
      actionItems: [],
      lessonsLearned: {
        whatWentWell: template.whatWentWell,
        whatWentWrong: template.whatWentWrong,
        whereWeGotLucky: template.whereWeGotLucky,
      },
      timeline: postmortemTimeline(incident, timeline),
      supportingInformation: template.supportingInformation,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const result = await this.options.store.createPostmortem(postmortem, actor);
    if (result.created) {
      this.signal({ type: 'postmortem_updated', incidentId });
    }
    return result;
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    const postmortem = await this.options.store.getPostmortem(id);
    if (!postmortem) throw new NotFoundError(`No postmortem with id ${id}`);
    return postmortem;
  }

  async savePostmortem(
    id: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem> {
    const now = this.nowIso();
    return this.mutatePostmortem(
      id,
      current => {
        if (current.state === 'published') {
          return {
            ok: false,
            error: 'a published postmortem cannot be edited',
          };
        }
        const { expectedVersion, actionItems, lessonsLearned, ...fields } =
          request;
        // Ids name this postmortem's items; a new item has none (the
        // server gives it one). Another postmortem's id would steal its row.
        const ownIds = new Set(current.actionItems.map(item => item.id));
        const foreign = (actionItems ?? []).find(
          item => item.id !== undefined && !ownIds.has(item.id),
        );
        if (foreign) {
          return {
            ok: false,
            error: `Invalid postmortem: actionItems: ${foreign.id} is not an action item of this postmortem; send new items without an id`,
          };
        }
        const next: Postmortem = {
          ...current,
          ...fields,
          lessonsLearned: {
            ...current.lessonsLearned,
            ...(lessonsLearned ?? {}),
          },
          ...(actionItems
            ? {
                actionItems: actionItems.map(item => ({
                  ...item,
                  id: item.id ?? this.newId(),
                })),
              }
            : {}),
        };
        if (JSON.stringify(next) === JSON.stringify(current)) {
          return { ok: true, postmortem: current, changed: false };
        }
        return {
          ok: true,
          changed: true,
          postmortem: { ...next, updatedAt: now, version: current.version + 1 },
        };
      },
      request.expectedVersion,
    );
  }

  async changePostmortemState(
    id: string,
    state: PostmortemState,
    expectedVersion: number,
    actor: string,
  ): Promise<Postmortem> {
    const now = this.nowIso();
    return this.mutatePostmortem(
      id,
      current => {
        if (current.state === state) {
          return { ok: true, postmortem: current, changed: false };
        }
        if (!isAllowedPostmortemTransition(current.state, state)) {
          return {
            ok: false,
            error: `cannot change a postmortem from ${current.state} to ${state}`,
          };
        }
        return {
          ok: true,
          changed: true,
          postmortem: {
            ...current,
            state,
            updatedAt: now,
            ...(state === 'published' ? { publishedAt: now } : {}),
            version: current.version + 1,
          },
        };
      },
      expectedVersion,
      actor,
    );
  }

  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<{ item: ActionItem; postmortem: Postmortem }> {
    const found = await this.options.store.getActionItem(id);
    if (!found) throw new NotFoundError(`No action item with id ${id}`);
    const now = this.nowIso();
    const postmortem = await this.mutatePostmortem(
      found.postmortemId,
      current => {
        const items = current.actionItems.map(item => {
          if (item.id !== id) return item;
          const { dueDate, ...rest } = { ...item, ...request };
          const due = request.dueDate === null ? undefined : dueDate;
          return { ...rest, ...(due ? { dueDate: due } : {}) } as ActionItem;
        });
        const changed =
          JSON.stringify(items) !== JSON.stringify(current.actionItems);
        return changed
          ? {
              ok: true,
              changed: true,
              postmortem: {
                ...current,
                actionItems: items,
                updatedAt: now,
                version: current.version + 1,
              },
            }
          : { ok: true, changed: false, postmortem: current };
      },
    );
    return {
      item: postmortem.actionItems.find(item => item.id === id)!,
      postmortem,
    };
  }

  /** A postmortem change with the version check and the 404/409 mapping. */
  private async mutatePostmortem(
    id: string,
    mutate: (
      current: Postmortem,
    ) =>
      | { ok: true; postmortem: Postmortem; changed: boolean }
      | { ok: false; error: string },
    expectedVersion?: number,
    actor?: string,
  ): Promise<Postmortem> {
    const outcome = await this.options.store.mutatePostmortem<
      { conflict: true; message: string } | string
    >(
      id,
      current => {
        if (
          expectedVersion !== undefined &&
          current.version !== expectedVersion
        ) {
          return {
            ok: false,
            error: {
              conflict: true,
              message: `version conflict: expected version ${expectedVersion} but the current version is ${current.version}; reload and retry`,
            },
          };
        }
        return mutate(current);
      },
      actor,
    );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No postmortem with id ${id}`);
    }
    if (!outcome.ok) {
      if (typeof outcome.error === 'object') {
        throw new VersionConflictError(outcome.error.message, outcome.current);
      }
      throw new InputError(outcome.error);
    }
    if (outcome.changed) {
      this.signal({
        type: 'postmortem_updated',
        incidentId: outcome.postmortem.incidentId,
      });
    }
    return outcome.postmortem;
  }

  // ---------------------------------------------------------------- metrics

  /** `visible`: count only incidents affecting one of these entities (undefined: all). */
  async metrics(
    query: {
      entityRef?: string;
      from?: string;
      to?: string;
    },
    visible?: readonly string[],
  ): Promise<IncidentMetricsResponse> {
    const to = query.to ? Date.parse(query.to) : this.now();
    const from = query.from ? Date.parse(query.from) : to - 30 * DAY_MS;
    if (from >= to) {
      throw new InputError(
        `Invalid query: from (${new Date(
          from,
        ).toISOString()}) must be before to (${new Date(to).toISOString()})`,
      );
    }
    const visibleSet = visible && new Set(visible);
    const incidents = (
      await this.options.store.metricsIncidents(from, to, query.entityRef)
    ).filter(incident => isVisible(incident.entityRefs, visibleSet));
    const period = {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
    return {
      ...(query.entityRef ? { entityRef: query.entityRef } : {}),
      ...period,
      metrics: incidentMetrics(incidents, period),
    };
  }

  // ---------------------------------------------------------------- alertmanager

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
      this.afterDeclare(outcome.stored, 'alertmanager', outcome.events);
    } else if (outcome.incidentId && outcome.events.length > 0) {
      this.signal({
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

/** The incident's timeline as the postmortem's first draft of "what happened when". */
export function postmortemTimeline(
  incident: Incident,
  timeline: TimelineEntry[],
): Postmortem['timeline'] {
  const entries: Postmortem['timeline'] = [];
  if (incident.timestamps.detectedAt) {
    entries.push({ at: incident.timestamps.detectedAt, text: 'Detected' });
  }
  entries.push({
    at: incident.timestamps.declaredAt,
    text: `Incident declared (${incident.severity}) by ${incident.createdBy}`,
  });
  for (const event of timeline) {
    const text = describeEvent(event);
    if (text) entries.push({ at: event.at, text });
  }
  return entries;
}

function describeEvent(event: TimelineEvent): string | undefined {
  switch (event.type) {
    case 'status_changed':
      return `Status ${event.from} → ${event.to} (${event.actor})`;
    case 'severity_changed':
      return `Severity ${event.from} → ${event.to} (${event.actor})`;
    case 'role_assigned':
      return `${event.assignee} became ${event.role}`;
    case 'role_unassigned':
      return `${event.previous} stepped down as ${event.role}`;
    case 'note':
      return `${event.actor}: ${event.text}`.slice(0, 5000);
    case 'alert_attached':
      return `Alert ${event.alertName ?? event.fingerprint} firing`;
    case 'alert_resolved':
      return `Alert ${event.alertName ?? event.fingerprint} resolved`;
    case 'link':
      return `Link: ${event.title ?? event.url}`;
    case 'acknowledged':
      return `Acknowledged by ${event.actor}`;
    case 'alerts_truncated':
      return `Alertmanager left out ${event.truncatedAlerts} alert(s) of a notification`;
    default:
      return undefined;
  }
}
