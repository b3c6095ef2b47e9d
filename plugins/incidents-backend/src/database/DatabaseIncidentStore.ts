import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { Knex } from 'knex';
import {
  ActionItem,
  ActionItemWithContext,
  Incident,
  IncidentAlert,
  IncidentRoles,
  ListActionItemsQuery,
  ListIncidentsQuery,
  ListPostmortemsQuery,
  MetricsIncident,
  OPEN_STATUSES,
  Postmortem,
  PostmortemListItem,
  RoleAssignment,
  Severity,
  TimelineEntry,
  TimelineEvent,
  toMillis,
} from '@vigil/backstage-plugin-incidents-common';
import type {
  AlertGroupDecision,
  AlertGroupOutcome,
  AlertGroupRequest,
  AlertGroupState,
  IncidentMutation,
  IncidentSearchRow,
  IncidentStore,
  MutationOutcome,
  PostmortemMutation,
  PostmortemOutcome,
  SearchDocumentsPage,
  StoredIncident,
} from './IncidentStore';
import { processAlertGroup } from './operations/alertmanager/processAlertGroup';
import { prunePendingResolutions } from './operations/alertmanager/prunePendingResolutions';
import type { StoreInternals } from './operations/StoreInternals';

/** The plugin's migrations (`migrations/`). */
export const incidentsMigrations = pluginMigrations(
  '@vigil/backstage-plugin-incidents-backend',
);

// Keeps each statement far below SQLite's bound-variable limit.
const INSERT_CHUNK = 50;

interface IncidentRow {
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

interface TimelineRow {
  id: number | string;
  event: string;
}

interface AlertRow {
  fingerprint: string;
  alert_name: string | null;
  status: string;
  starts_at: string;
  ends_at: string | null;
  labels: string;
  annotations: string | null;
  generator_url: string | null;
}

interface PostmortemRow {
  id: string;
  incident_id: string;
  state: string;
  title: string;
  content: string;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  published_at: number | string | null;
  version: number | string;
}

interface ActionItemRow {
  id: string;
  postmortem_id: string;
  incident_id: string;
  position: number | string;
  title: string;
  owner: string;
  due_date: string | null;
  priority: string;
  status: string;
  link: string | null;
}

const iso = (ms: number | string): string => new Date(Number(ms)).toISOString();
const isoOrUndefined = (ms: number | string | null): string | undefined =>
  ms === null || ms === undefined ? undefined : iso(ms);
const msOrNull = (value: string | undefined): number | null =>
  value ? toMillis(value) : null;

function rowToIncident(row: IncidentRow): Incident {
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

function incidentToRow(incident: Incident, ownerRefs: string[]): IncidentRow {
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

function rowToAlert(row: AlertRow): IncidentAlert {
  return {
    fingerprint: row.fingerprint,
    ...(row.alert_name ? { alertName: row.alert_name } : {}),
    status: row.status as IncidentAlert['status'],
    startsAt: row.starts_at,
    ...(row.ends_at ? { endsAt: row.ends_at } : {}),
    labels: JSON.parse(row.labels),
    ...(row.annotations ? { annotations: JSON.parse(row.annotations) } : {}),
    ...(row.generator_url ? { generatorURL: row.generator_url } : {}),
  };
}

function rowToActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    priority: row.priority as ActionItem['priority'],
    status: row.status as ActionItem['status'],
    ...(row.link ? { link: row.link } : {}),
  };
}

type PostmortemContent = Omit<
  Postmortem,
  | 'id'
  | 'incidentId'
  | 'title'
  | 'state'
  | 'actionItems'
  | 'createdAt'
  | 'updatedAt'
  | 'publishedAt'
  | 'version'
>;

function rowToPostmortem(row: PostmortemRow, items: ActionItem[]): Postmortem {
  const content = JSON.parse(row.content) as PostmortemContent;
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    state: row.state as Postmortem['state'],
    ...content,
    actionItems: items,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.published_at !== null
      ? { publishedAt: iso(row.published_at) }
      : {}),
    version: Number(row.version),
  };
}

function postmortemContent(pm: Postmortem): PostmortemContent {
  return {
    authors: pm.authors,
    summary: pm.summary,
    impact: pm.impact,
    rootCauses: pm.rootCauses,
    trigger: pm.trigger,
    resolution: pm.resolution,
    detection: pm.detection,
    lessonsLearned: pm.lessonsLearned,
    timeline: pm.timeline,
    supportingInformation: pm.supportingInformation,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** {@link IncidentStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    return new DatabaseIncidentStore(
      await incidentsMigrations.client(options.database, options),
    );
  }

  private readonly isPostgres: boolean;
  /** What the operations in ./operations use of this store. */
  private readonly internals: StoreInternals;

  constructor(private readonly db: Knex) {
    this.isPostgres = String(db.client.config.client).includes('pg');
    this.internals = {
      db,
      isPostgres: this.isPostgres,
      lock: query => this.lock(query),
      readIncident: (conn, id, forUpdate) =>
        this.readIncident(conn, id, forUpdate),
      insertIncident: (tx, stored, events) =>
        this.insertIncident(tx, stored, events),
      updateIncident: async (tx, stored, version) => {
        const id = stored.incident.id;
        const updated = await tx('incidents')
          .where({ id, version })
          .update(incidentToRow(stored.incident, stored.ownerRefs));
        if (updated !== 1)
          throw new Error(`Concurrent update of incident ${id}`);
      },
      appendEvents: (tx, id, events) => this.appendEvents(tx, id, events),
    };
  }

  /** Row lock on PostgreSQL; SQLite serializes writers by itself. */
  private lock<T extends Knex.QueryBuilder>(query: T): T {
    return (this.isPostgres ? query.forUpdate() : query) as T;
  }

  /**
   * Keeps rows whose incident affects one of `visible` (undefined: all).
   * The refs travel as one JSON parameter, so any number fits the drivers'
   * bind-parameter limits.
   */
  private onlyVisible(
    query: Knex.QueryBuilder,
    incidentIdColumn: string,
    visible: readonly string[] | undefined,
  ): void {
    if (!visible) return;
    if (visible.length === 0) {
      query.whereRaw('1 = 0');
      return;
    }
    const refs = JSON.stringify(visible);
    const db = this.db;
    const isPostgres = this.isPostgres;
    query.whereExists(function visibleEntity() {
      this.select(db.raw('1'))
        .from('incident_entities as v')
        .whereRaw('v.incident_id = ??', [incidentIdColumn])
        .whereRaw(
          isPostgres
            ? 'v.entity_ref in (select jsonb_array_elements_text(?::jsonb))'
            : 'v.entity_ref in (select value from json_each(?))',
          [refs],
        );
    });
  }

  async incidentEntityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db(
      'incident_entities',
    )
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  // ------------------------------------------------------------ incidents

  private async writeIncidentRelations(
    tx: Knex.Transaction,
    stored: StoredIncident,
    replace: boolean,
  ): Promise<void> {
    const id = stored.incident.id;
    const declaredAt = toMillis(stored.incident.timestamps.declaredAt);
    if (replace) {
      await tx('incident_entities').where({ incident_id: id }).delete();
      await tx('incident_owners').where({ incident_id: id }).delete();
    }
    const entities = stored.incident.entityRefs.map(entity_ref => ({
      incident_id: id,
      entity_ref,
      declared_at: declaredAt,
    }));
    const owners = [...new Set(stored.ownerRefs)].map(owner_ref => ({
      incident_id: id,
      owner_ref,
      declared_at: declaredAt,
    }));
    await this.insertChunked(tx, 'incident_entities', entities);
    await this.insertChunked(tx, 'incident_owners', owners);
  }

  /** Plain chunked inserts inside `tx` (knex's batchInsert would open a nested transaction). */
  private async insertChunked(
    tx: Knex.Transaction,
    table: string,
    rows: object[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
    }
  }

  private async appendEvents(
    tx: Knex.Transaction,
    incidentId: string,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    // One insert per event: the generated ids are needed and SQLite's
    // multi-row RETURNING is not portable through knex.
    for (const event of events) {
      const [inserted] = await tx('incident_timeline')
        .insert({
          incident_id: incidentId,
          at: toMillis(event.at),
          type: event.type,
          actor: event.actor,
          event: JSON.stringify(event),
        })
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      entries.push({ ...event, id: Number(id) });
    }
    return entries;
  }

  private async insertIncident(
    tx: Knex.Transaction,
    stored: StoredIncident,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]> {
    await tx('incidents').insert(
      incidentToRow(stored.incident, stored.ownerRefs),
    );
    await this.writeIncidentRelations(tx, stored, false);
    return this.appendEvents(tx, stored.incident.id, events);
  }

  async createIncident(
    stored: StoredIncident,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]> {
    return this.db.transaction(tx => this.insertIncident(tx, stored, events));
  }

  private async readIncident(
    db: Knex | Knex.Transaction,
    id: string,
    forUpdate = false,
  ): Promise<StoredIncident | undefined> {
    const query = db<IncidentRow>('incidents').where({ id }).first();
    const row: IncidentRow | undefined = await (forUpdate
      ? this.lock(query)
      : query);
    if (!row) return undefined;
    return {
      incident: rowToIncident(row),
      ownerRefs: JSON.parse(row.owner_refs),
    };
  }

  async getIncident(id: string): Promise<StoredIncident | undefined> {
    return this.readIncident(this.db, id);
  }

  async listIncidents(
    query: ListIncidentsQuery,
    visible?: readonly string[],
  ): Promise<{ items: Incident[]; totalCount: number }> {
    // Filtering by entity or owner walks that join table's index in list
    // order and joins the incidents; otherwise the incidents' own indexes.
    let base: Knex.QueryBuilder;
    let order: Array<{ column: string; order: 'desc' }>;
    if (query.entityRef || query.ownerRef) {
      const [table, column, value] = query.entityRef
        ? ['incident_entities', 'entity_ref', query.entityRef]
        : ['incident_owners', 'owner_ref', query.ownerRef!];
      base = this.db(`${table} as f`)
        .join('incidents as i', 'i.id', 'f.incident_id')
        .where(`f.${column}`, value);
      order = [
        { column: 'f.declared_at', order: 'desc' },
        { column: 'f.incident_id', order: 'desc' },
      ];
      if (query.entityRef && query.ownerRef) {
        base.whereIn(
          'i.id',
          this.db('incident_owners')
            .select('incident_id')
            .where({ owner_ref: query.ownerRef }),
        );
      }
    } else {
      base = this.db('incidents as i');
      order = [
        { column: 'i.declared_at', order: 'desc' },
        { column: 'i.id', order: 'desc' },
      ];
    }
    if (query.status === 'open') base.whereIn('i.status', [...OPEN_STATUSES]);
    else if (query.status !== 'all') base.where('i.status', query.status);
    if (query.severity) base.where('i.severity', query.severity);
    this.onlyVisible(base, 'i.id', visible);
    if (query.q) {
      base.whereRaw(`lower(i.title) like ? escape '\\'`, [
        `%${escapeLike(query.q.toLowerCase())}%`,
      ]);
    }
    // On PostgreSQL the count and the page run on two connections at once.
    const [[countRow], rows] = await Promise.all([
      base.clone().count({ count: '*' }),
      base
        .clone()
        .select('i.*')
        .orderBy(order)
        .limit(query.limit)
        .offset(query.offset) as Promise<IncidentRow[]>,
    ]);
    return {
      items: rows.map(rowToIncident),
      totalCount: Number(countRow?.count ?? 0),
    };
  }

  async mutateIncident<E>(
    id: string,
    mutate: (current: StoredIncident) => IncidentMutation<E>,
  ): Promise<MutationOutcome<E>> {
    return this.db.transaction(async tx => {
      const current = await this.readIncident(tx, id, true);
      if (!current) return { ok: false as const, notFound: true as const };
      const result = mutate(current);
      if (!result.ok)
        return { ok: false as const, error: result.error, current };
      if (!result.changed && result.events.length === 0) {
        return {
          ok: true as const,
          stored: current,
          events: [],
          changed: false,
        };
      }
      const stored: StoredIncident = {
        incident: result.incident,
        ownerRefs: result.ownerRefs ?? current.ownerRefs,
      };
      if (result.changed) {
        // The version guard makes a lost update impossible even where the
        // row lock is not taken (SQLite serializes writers instead).
        const updated = await tx('incidents')
          .where({ id, version: current.incident.version })
          .update(incidentToRow(stored.incident, stored.ownerRefs));
        if (updated !== 1) {
          throw new Error(`Concurrent update of incident ${id}`);
        }
        if (
          result.ownerRefs ||
          stored.incident.entityRefs.join('\n') !==
            current.incident.entityRefs.join('\n')
        ) {
          await this.writeIncidentRelations(tx, stored, true);
        }
      }
      const events = await this.appendEvents(tx, id, result.events);
      return { ok: true as const, stored, events, changed: result.changed };
    });
  }

  async getTimeline(incidentId: string): Promise<TimelineEntry[]> {
    const rows: TimelineRow[] = await this.db('incident_timeline')
      .select('id', 'event')
      .where({ incident_id: incidentId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => ({ ...JSON.parse(row.event), id: Number(row.id) }));
  }

  async getAlerts(incidentId: string): Promise<IncidentAlert[]> {
    const rows: AlertRow[] = await this.db('incident_alerts')
      .where({ incident_id: incidentId })
      .orderBy('starts_at', 'asc');
    return rows.map(rowToAlert);
  }

  // ------------------------------------------------------------ alertmanager

  async processAlertGroup(
    request: AlertGroupRequest,
    decide: (state: AlertGroupState) => AlertGroupDecision,
  ): Promise<AlertGroupOutcome> {
    return processAlertGroup(this.internals, request, decide);
  }

  async prunePendingResolutions(before: number): Promise<number> {
    return prunePendingResolutions(this.internals, before);
  }

  // ------------------------------------------------------------ postmortems

  private async readPostmortem(
    db: Knex | Knex.Transaction,
    where: { id: string } | { incident_id: string },
    forUpdate = false,
  ): Promise<Postmortem | undefined> {
    const query = db<PostmortemRow>('postmortems').where(where).first();
    const row: PostmortemRow | undefined = await (forUpdate
      ? this.lock(query)
      : query);
    if (!row) return undefined;
    const items: ActionItemRow[] = await db('action_items')
      .where({ postmortem_id: row.id })
      .orderBy('position', 'asc');
    return rowToPostmortem(row, items.map(rowToActionItem));
  }

  private async writeActionItems(
    tx: Knex.Transaction,
    pm: Postmortem,
  ): Promise<void> {
    await tx('action_items').where({ postmortem_id: pm.id }).delete();
    const rows = pm.actionItems.map((item, position) => ({
      id: item.id,
      postmortem_id: pm.id,
      incident_id: pm.incidentId,
      position,
      title: item.title,
      owner: item.owner,
      due_date: item.dueDate ?? null,
      priority: item.priority,
      status: item.status,
      link: item.link ?? null,
    }));
    await this.insertChunked(tx, 'action_items', rows);
  }

  private postmortemRow(pm: Postmortem, createdBy?: string) {
    return {
      id: pm.id,
      incident_id: pm.incidentId,
      state: pm.state,
      title: pm.title,
      content: JSON.stringify(postmortemContent(pm)),
      ...(createdBy ? { created_by: createdBy } : {}),
      created_at: toMillis(pm.createdAt),
      updated_at: toMillis(pm.updatedAt),
      published_at: msOrNull(pm.publishedAt),
      version: pm.version,
    };
  }

  async createPostmortem(
    postmortem: Postmortem,
    createdBy: string,
  ): Promise<{ created: boolean; postmortem: Postmortem }> {
    return this.db.transaction(async tx => {
      // Lock the incident so two "create postmortem" clicks make one.
      const incident = await this.readIncident(tx, postmortem.incidentId, true);
      const existing = await this.readPostmortem(tx, {
        incident_id: postmortem.incidentId,
      });
      if (existing || !incident) {
        return { created: false, postmortem: existing ?? postmortem };
      }
      await tx('postmortems').insert(this.postmortemRow(postmortem, createdBy));
      await this.writeActionItems(tx, postmortem);
      await tx('incidents')
        .where({ id: postmortem.incidentId })
        .update({ postmortem_state: postmortem.state });
      await this.appendEvents(tx, postmortem.incidentId, [
        {
          type: 'postmortem_created',
          at: postmortem.createdAt,
          actor: createdBy,
          postmortemId: postmortem.id,
        },
      ]);
      return { created: true, postmortem };
    });
  }

  async getPostmortem(id: string): Promise<Postmortem | undefined> {
    return this.readPostmortem(this.db, { id });
  }

  async getPostmortemByIncident(
    incidentId: string,
  ): Promise<Postmortem | undefined> {
    return this.readPostmortem(this.db, { incident_id: incidentId });
  }

  async mutatePostmortem<E>(
    id: string,
    mutate: (current: Postmortem) => PostmortemMutation<E>,
    actor?: string,
  ): Promise<PostmortemOutcome<E>> {
    return this.db.transaction(async tx => {
      const current = await this.readPostmortem(tx, { id }, true);
      if (!current) return { ok: false as const, notFound: true as const };
      const result = mutate(current);
      if (!result.ok)
        return { ok: false as const, error: result.error, current };
      if (!result.changed) {
        return { ok: true as const, postmortem: current, changed: false };
      }
      const next = result.postmortem;
      const updated = await tx('postmortems')
        .where({ id, version: current.version })
        .update(this.postmortemRow(next));
      if (updated !== 1)
        throw new Error(`Concurrent update of postmortem ${id}`);
      await this.writeActionItems(tx, next);
      if (next.state !== current.state) {
        await tx('incidents')
          .where({ id: next.incidentId })
          .update({
            postmortem_state: next.state,
            updated_at: toMillis(next.updatedAt),
          });
        if (next.state === 'published') {
          await this.appendEvents(tx, next.incidentId, [
            {
              type: 'postmortem_published',
              at: next.updatedAt,
              actor: actor ?? 'unknown',
              postmortemId: next.id,
            },
          ]);
        }
      }
      return { ok: true as const, postmortem: next, changed: true };
    });
  }

  async listPostmortems(
    query: ListPostmortemsQuery,
    visible?: readonly string[],
  ): Promise<{ items: PostmortemListItem[]; totalCount: number }> {
    const base = this.db('postmortems as p').join(
      'incidents as i',
      'i.id',
      'p.incident_id',
    );
    if (query.state) base.where('p.state', query.state);
    this.onlyVisible(base, 'p.incident_id', visible);
    if (query.entityRef) {
      base.whereIn(
        'p.incident_id',
        this.db('incident_entities')
          .select('incident_id')
          .where({ entity_ref: query.entityRef }),
      );
    }
    const [countRow] = await base.clone().count({ count: '*' });
    const rows = await base
      .select(
        'p.id',
        'p.incident_id',
        'p.title',
        'p.state',
        'p.updated_at',
        'p.published_at',
        'i.severity',
        'i.entity_refs',
      )
      .orderBy([
        { column: 'p.updated_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return {
      totalCount: Number(countRow?.count ?? 0),
      items: rows.map(row => ({
        id: row.id,
        incidentId: row.incident_id,
        title: row.title,
        state: row.state,
        incidentSeverity: row.severity,
        entityRefs: JSON.parse(row.entity_refs),
        updatedAt: iso(row.updated_at),
        ...(row.published_at !== null && row.published_at !== undefined
          ? { publishedAt: iso(row.published_at) }
          : {}),
      })),
    };
  }

  // ------------------------------------------------------------ action items

  async listActionItems(
    query: ListActionItemsQuery,
    today: string,
    visible?: readonly string[],
  ): Promise<{ items: ActionItemWithContext[]; totalCount: number }> {
    const base = this.db('action_items as a')
      .join('postmortems as p', 'p.id', 'a.postmortem_id')
      .whereIn('a.owner', query.owner);
    this.onlyVisible(base, 'a.incident_id', visible);
    if (query.status === 'open')
      base.whereIn('a.status', ['open', 'in_progress']);
    const [countRow] = await base.clone().count({ count: '*' });
    const rows = await base
      .select('a.*', 'p.title as postmortem_title')
      // Items without a due date sort last on both databases.
      .orderByRaw('case when a.due_date is null then 1 else 0 end')
      .orderBy([
        { column: 'a.due_date', order: 'asc' },
        { column: 'a.priority', order: 'asc' },
        { column: 'a.id', order: 'asc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return {
      totalCount: Number(countRow?.count ?? 0),
      items: rows.map((row: ActionItemRow & { postmortem_title: string }) => {
        const item = rowToActionItem(row);
        const open = item.status === 'open' || item.status === 'in_progress';
        return {
          ...item,
          postmortemId: row.postmortem_id,
          postmortemTitle: row.postmortem_title,
          incidentId: row.incident_id,
          overdue: open && !!item.dueDate && item.dueDate < today,
        };
      }),
    };
  }

  async getActionItem(
    id: string,
  ): Promise<
    (ActionItem & { postmortemId: string; incidentId: string }) | undefined
  > {
    const row: ActionItemRow | undefined = await this.db('action_items')
      .where({ id })
      .first();
    if (!row) return undefined;
    return {
      ...rowToActionItem(row),
      postmortemId: row.postmortem_id,
      incidentId: row.incident_id,
    };
  }

  // ------------------------------------------------------------ metrics

  async metricsIncidents(
    from: number,
    to: number,
    entityRef?: string,
  ): Promise<Array<MetricsIncident & { entityRefs: string[] }>> {
    const periodIds = this.db('incidents')
      .select('id')
      .where('declared_at', '>=', from)
      .andWhere('declared_at', '<', to);
    if (entityRef) {
      periodIds.whereIn(
        'id',
        this.db('incident_entities')
          .select('incident_id')
          .where({ entity_ref: entityRef }),
      );
    }
    const rows: IncidentRow[] = await this.db('incidents')
      .select(
        'id',
        'severity',
        'entity_refs',
        'declared_at',
        'detected_at',
        'acknowledged_at',
        'mitigated_at',
        'resolved_at',
        'closed_at',
        'postmortem_state',
      )
      .whereIn('id', periodIds.clone());
    // Only open items with a due date can be overdue; fetch just those.
    const items: ActionItemRow[] = await this.db('action_items')
      .select('incident_id', 'status', 'due_date')
      .whereIn('status', ['open', 'in_progress'])
      .whereNotNull('due_date')
      .whereIn('incident_id', periodIds.clone());
    const itemsByIncident = new Map<string, ActionItemRow[]>();
    for (const item of items) {
      const list = itemsByIncident.get(item.incident_id) ?? [];
      list.push(item);
      itemsByIncident.set(item.incident_id, list);
    }
    return rows.map(row => {
      const incident = rowToIncident({
        ...row,
        title: '',
        summary: null,
        status: 'investigating',
        owner_refs: '[]',
        roles: '{}',
        role_history: '[]',
        commander: null,
        acknowledged_by: null,
        alert_group_key: null,
        created_by: '',
        updated_at: row.declared_at,
        version: 0,
      });
      return {
        severity: incident.severity,
        timestamps: incident.timestamps,
        entityRefs: incident.entityRefs,
        ...(incident.postmortemState
          ? { postmortemState: incident.postmortemState }
          : {}),
        actionItems: (itemsByIncident.get(row.id) ?? []).map(item => ({
          status: item.status as ActionItem['status'],
          ...(item.due_date ? { dueDate: item.due_date } : {}),
        })),
      };
    });
  }

  async countOpenBySeverity(): Promise<Record<string, number>> {
    const rows: Array<{ severity: string; count: number | string }> =
      await this.db('incidents')
        .select('severity')
        .count({ count: '*' })
        .whereIn('status', [...OPEN_STATUSES])
        .groupBy('severity');
    return Object.fromEntries(
      rows.map(row => [String(row.severity), Number(row.count)]),
    );
  }

  // ------------------------------------------------------------ search

  async searchIncidents(
    cursor: string | undefined,
    limit: number,
  ): Promise<SearchDocumentsPage<IncidentSearchRow>> {
    const query = this.db<IncidentRow>('incidents')
      .orderBy('id', 'asc')
      .limit(limit);
    if (cursor) query.where('id', '>', cursor);
    const rows: IncidentRow[] = await query;
    const notes: Array<{ incident_id: string; event: string }> = rows.length
      ? await this.db('incident_timeline')
          .select('incident_id', 'event')
          .where({ type: 'note' })
          .whereIn(
            'incident_id',
            rows.map(r => r.id),
          )
      : [];
    const notesByIncident = new Map<string, string[]>();
    for (const note of notes) {
      const list = notesByIncident.get(note.incident_id) ?? [];
      list.push(String(JSON.parse(note.event).text ?? ''));
      notesByIncident.set(note.incident_id, list);
    }
    return {
      items: rows.map(row => ({
        incident: rowToIncident(row),
        notes: notesByIncident.get(row.id) ?? [],
      })),
      ...(rows.length === limit
        ? { nextCursor: rows[rows.length - 1].id }
        : {}),
    };
  }

  async searchPublishedPostmortems(
    cursor: string | undefined,
    limit: number,
  ): Promise<
    SearchDocumentsPage<{ postmortem: Postmortem; incident: Incident }>
  > {
    const query = this.db<PostmortemRow>('postmortems')
      .where({ state: 'published' })
      .orderBy('id', 'asc')
      .limit(limit);
    if (cursor) query.where('id', '>', cursor);
    const rows: PostmortemRow[] = await query;
    const items: Array<{ postmortem: Postmortem; incident: Incident }> = [];
    for (const row of rows) {
      const postmortem = await this.readPostmortem(this.db, { id: row.id });
      const incident = await this.readIncident(this.db, row.incident_id);
      if (postmortem && incident)
        items.push({ postmortem, incident: incident.incident });
    }
    return {
      items,
      ...(rows.length === limit
        ? { nextCursor: rows[rows.length - 1].id }
        : {}),
    };
  }
}
