import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AddLinkRequest,
  DeclareIncidentRequest,
  Incident,
  IncidentDetails,
  IncidentMetricsResponse,
  IncidentSearchDocumentPage,
  IncidentUpdateError,
  IncidentUpdateResult,
  IncidentList,
  ListIncidentsQuery,
  RecordPagingRequest,
  TimelineEvent,
  UpdateIncidentRequest,
  acknowledgeIncident,
  applyIncidentUpdate,
  checkDetectedAt,
  declareIncident,
  incidentMetrics,
  takeCommand,
} from '@vigil/backstage-plugin-incidents-common';
import { isSandboxOnly } from '@vigil/backstage-plugin-sandbox-common';
import { isVisible } from '@vigil/backend-kit';
import { randomUUID } from 'crypto';
import type { IncidentsBackendConfig } from '../config';
import type {
  IncidentPage,
  IncidentStore,
  NamespacePurgeCounts,
  StoredIncident,
} from '../database/IncidentStore';
import type { EntityDirectory } from './EntityDirectory';
import { VersionConflictError } from './errors';
import type { IncidentNotifier } from './IncidentNotifier';
import type { OnCallPaging } from './OnCallPaging';
import { toSearchDocuments } from './searchDocuments';

export { VersionConflictError } from './errors';

const DAY_MS = 86_400_000;

/**
 * Incidents: declaration, updates, the timeline, roles, acknowledgement and
 * taking command, metrics and search documents. Orchestrates the store, the
 * catalog and the lifecycle rules of incidents-common; the notifier tells
 * the world. The router has already authenticated, validated and authorized
 * the caller.
 */
export class IncidentsService {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly options: {
      store: IncidentStore;
      directory: EntityDirectory;
      config: IncidentsBackendConfig;
      notifier: IncidentNotifier;
      /** Tells on-call when an incident is acknowledged or resolved. */
      paging?: Pick<OnCallPaging, 'acknowledged' | 'resolved'>;
      now?: () => number;
      newId?: () => string;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  // ---------------------------------------------------------------- reads

  /** `visible`: only incidents affecting one of these entities (undefined: all). */
  list(
    query: ListIncidentsQuery,
    visible?: readonly string[],
  ): Promise<IncidentList> {
    return this.options.store.listIncidents(query, visible);
  }

  async getStored(id: string): Promise<StoredIncident> {
    const stored = await this.options.store.getIncident(id);
    if (!stored) throw new NotFoundError(`No incident with id ${id}`);
    return stored;
  }

  /** The incident with what its page shows (timeline, alerts, postmortem), in one read. */
  async page(id: string): Promise<IncidentPage> {
    const page = await this.options.store.getIncidentPage(id);
    if (!page) throw new NotFoundError(`No incident with id ${id}`);
    return page;
  }

  /** What an incident's page shows besides the incident, read at once. */
  async detailParts(
    id: string,
  ): Promise<Pick<IncidentDetails, 'timeline' | 'alerts' | 'postmortem'>> {
    const { timeline, alerts, postmortem } = await this.page(id);
    return { timeline, alerts, ...(postmortem && { postmortem }) };
  }

  // ---------------------------------------------------------------- declare

  /** `check`: refuses the incident (throws) once its owners are known, before it is stored. */
  async declare(
    request: DeclareIncidentRequest,
    actor: string,
    credentials: BackstageCredentials,
    check?: (stored: StoredIncident) => Promise<void>,
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
    await check?.(stored);
    await this.options.store.createIncident(stored, events);
    this.options.notifier.declared(stored, 'user');
    return stored;
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
    if (
      outcome.changed &&
      request.status &&
      ['resolved', 'closed'].includes(outcome.stored.incident.status)
    ) {
      this.options.paging?.resolved(id);
    }
    if (outcome.changed) {
      this.options.notifier.signal({
        type: 'incident_updated',
        incidentId: id,
        version: outcome.stored.incident.version,
        status: outcome.stored.incident.status,
      });
    }
    return outcome.stored;
  }

  /** `POST /incidents/:id/acknowledge`: 409 with the current state when stale, already acknowledged or closed. */
  async acknowledge(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<StoredIncident> {
    const stored = await this.transition(id, current =>
      acknowledgeIncident(current, expectedVersion, actor, this.nowIso()),
    );
    this.options.paging?.acknowledged(id, actor);
    return stored;
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
    this.options.notifier.signal({
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
    ...events: Extract<
      TimelineEvent,
      | { type: 'note' }
      | { type: 'link' }
      | { type: 'paged' }
      | { type: 'paging_unavailable' }
    >[]
  ): Promise<StoredIncident> {
    const outcome = await this.options.store.mutateIncident<string>(
      id,
      current =>
        current.incident.status === 'closed'
          ? { ok: false, error: 'a closed incident cannot be changed' }
          : {
              ok: true,
              incident: current.incident,
              events,
              changed: false,
            },
    );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    if (!outcome.ok) throw new ConflictError(outcome.error);
    this.options.notifier.signal({ type: 'timeline_appended', incidentId: id });
    return outcome.stored;
  }

  /** The on-call backend's report of whom it paged (one event per escalation step). */
  recordPaging(
    id: string,
    request: RecordPagingRequest,
    actor: string,
  ): Promise<StoredIncident> {
    return this.append(
      id,
      ...request.events.map(event => ({ ...event, actor })),
    );
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
    // Catalog-wide figures are real ones: the sandbox's incidents (only
    // sandbox entities) are left out. A sandbox entity's own still count.
    const incidents = (
      await this.options.store.metricsIncidents(from, to, query.entityRef)
    ).filter(
      incident =>
        isVisible(incident.entityRefs, visibleSet) &&
        (query.entityRef !== undefined || !isSandboxOnly(incident.entityRefs)),
    );
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

  // ---------------------------------------------------------------- purge

  /**
   * Deletes every incident of `namespace` (the route allows the sandbox's
   * only) with its postmortem and action items; returns the counts.
   */
  purgeNamespace(namespace: string): Promise<NamespacePurgeCounts> {
    return this.options.store.purgeNamespace(namespace);
  }

  // ---------------------------------------------------------------- search

  /** A page of search documents of one type, with the cursor of the next page. */
  searchDocuments(
    type: 'incidents' | 'postmortems',
    cursor: string | undefined,
    limit: number,
  ): Promise<IncidentSearchDocumentPage> {
    return toSearchDocuments(this.options.store, type, cursor, limit);
  }
}
