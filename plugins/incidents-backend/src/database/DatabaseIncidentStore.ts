import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { Knex } from 'knex';
import type {
  ActionItem,
  ActionItemWithContext,
  Incident,
  IncidentAlert,
  ListActionItemsQuery,
  IncidentList,
  ListIncidentsQuery,
  ListPostmortemsQuery,
  MetricsIncident,
  Postmortem,
  PostmortemListItem,
  TimelineEntry,
  TimelineEvent,
} from '@vigil/backstage-plugin-incidents-common';
import type {
  AlertGroupDecision,
  AlertGroupSnapshot,
  AlertGroupOutcome,
  AlertGroupRequest,
  AlertGroupState,
  IncidentMutation,
  IncidentPage,
  IncidentSearchRow,
  IncidentStore,
  MutationOutcome,
  PostmortemMutation,
  PostmortemOutcome,
  DraftReader,
  SearchDocumentsPage,
  StoredIncident,
} from './IncidentStore';
import { getActionItem } from './operations/actionItems/getActionItem';
import { listActionItems } from './operations/actionItems/listActionItems';
import { getAlerts } from './operations/alerts/getAlerts';
import { processAlertGroup } from './operations/alerts/processAlertGroup';
import { prunePendingResolutions } from './operations/alerts/prunePendingResolutions';
import { readAlertGroup } from './operations/alerts/readAlertGroup';
import { countOpenBySeverity } from './operations/incidents/countOpenBySeverity';
import { createIncident } from './operations/incidents/createIncident';
import { incidentEntityRefs } from './operations/incidents/incidentEntityRefs';
import { listIncidents } from './operations/incidents/listIncidents';
import { metricsIncidents } from './operations/incidents/metricsIncidents';
import { mutateIncident } from './operations/incidents/mutateIncident';
import {
  type NamespacePurgeCounts,
  purgeNamespace,
} from './operations/incidents/purgeNamespace';
import { getIncident, readIncident } from './operations/incidents/readIncident';
import { readIncidentPage } from './operations/incidents/readIncidentPage';
import { searchIncidents } from './operations/incidents/searchIncidents';
import {
  insertIncident,
  updateIncident,
} from './operations/incidents/writeIncident';
import { createPostmortem } from './operations/postmortems/createPostmortem';
import { listPostmortems } from './operations/postmortems/listPostmortems';
import { mutatePostmortem } from './operations/postmortems/mutatePostmortem';
import {
  getPostmortem,
  getPostmortemByIncident,
} from './operations/postmortems/readPostmortem';
import { searchPublishedPostmortems } from './operations/postmortems/searchPublishedPostmortems';
import type { StoreInternals } from './operations/StoreInternals';
import { appendEvents } from './operations/timeline/appendEvents';
import { getTimeline } from './operations/timeline/getTimeline';

/** The plugin's migrations (`migrations/`). */
export const incidentsMigrations = pluginMigrations(
  '@vigil/backstage-plugin-incidents-backend',
);

/**
 * {@link IncidentStore} on the plugin's database (SQLite or PostgreSQL): a
 * facade over the operations in `./operations/<area>/<verb>.ts`.
 */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    return new DatabaseIncidentStore(
      await incidentsMigrations.client(options.database, options),
    );
  }

  /** What the operations use of this store. */
  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    const isPostgres = String(db.client.config.client).includes('pg');
    const internals: StoreInternals = {
      db,
      isPostgres,
      // Row lock on PostgreSQL; SQLite serializes writers by itself.
      lock: query => (isPostgres ? query.forUpdate() : query) as typeof query,
      readIncident: (conn, id, forUpdate) =>
        readIncident(internals, conn, id, forUpdate),
      insertIncident,
      updateIncident,
      appendEvents,
    };
    this.internals = internals;
  }

  // ------------------------------------------------------------ incidents

  async incidentEntityRefs(): Promise<string[]> {
    return incidentEntityRefs(this.internals);
  }

  async createIncident(
    stored: StoredIncident,
    events: TimelineEvent[],
  ): Promise<TimelineEntry[]> {
    return createIncident(this.internals, stored, events);
  }

  async getIncident(id: string): Promise<StoredIncident | undefined> {
    return getIncident(this.internals, id);
  }

  async getIncidentPage(id: string): Promise<IncidentPage | undefined> {
    return readIncidentPage(this.internals, id);
  }

  async listIncidents(
    query: ListIncidentsQuery,
    visible?: readonly string[],
  ): Promise<IncidentList> {
    return listIncidents(this.internals, query, visible);
  }

  async mutateIncident<E>(
    id: string,
    mutate: (current: StoredIncident) => IncidentMutation<E>,
  ): Promise<MutationOutcome<E>> {
    return mutateIncident(this.internals, id, mutate);
  }

  async metricsIncidents(
    from: number,
    to: number,
    entityRef?: string,
  ): Promise<Array<MetricsIncident & { entityRefs: string[] }>> {
    return metricsIncidents(this.internals, from, to, entityRef);
  }

  async countOpenBySeverity(
    options: { excludeNamespace?: string } = {},
  ): Promise<Record<string, number>> {
    return countOpenBySeverity(this.internals, options);
  }

  async purgeNamespace(namespace: string): Promise<NamespacePurgeCounts> {
    return purgeNamespace(this.internals, namespace);
  }

  async searchIncidents(
    cursor: string | undefined,
    limit: number,
  ): Promise<SearchDocumentsPage<IncidentSearchRow>> {
    return searchIncidents(this.internals, cursor, limit);
  }

  // ------------------------------------------------------------ timeline

  async getTimeline(incidentId: string): Promise<TimelineEntry[]> {
    return getTimeline(this.internals, incidentId);
  }

  // ------------------------------------------------------------ alerts

  async getAlerts(incidentId: string): Promise<IncidentAlert[]> {
    return getAlerts(this.internals, incidentId);
  }

  async processAlertGroup(
    request: AlertGroupRequest,
    decide: (state: AlertGroupState) => AlertGroupDecision,
  ): Promise<AlertGroupOutcome> {
    return processAlertGroup(this.internals, request, decide);
  }

  async readAlertGroup(
    groupKey: string,
  ): Promise<AlertGroupSnapshot | undefined> {
    return readAlertGroup(this.internals, groupKey);
  }

  async prunePendingResolutions(before: number): Promise<number> {
    return prunePendingResolutions(this.internals, before);
  }

  // ------------------------------------------------------------ postmortems

  async createPostmortem(
    postmortem: Postmortem,
    createdBy: string,
  ): Promise<{ created: boolean; postmortem: Postmortem }> {
    return createPostmortem(this.internals, postmortem, createdBy);
  }

  async getPostmortem(id: string): Promise<Postmortem | undefined> {
    return getPostmortem(this.internals, id);
  }

  async getPostmortemByIncident(
    incidentId: string,
  ): Promise<Postmortem | undefined> {
    return getPostmortemByIncident(this.internals, incidentId);
  }

  async mutatePostmortem<E>(
    id: string,
    mutate: (current: Postmortem) => PostmortemMutation<E>,
    actor?: string,
  ): Promise<PostmortemOutcome<E>> {
    return mutatePostmortem(this.internals, id, mutate, actor);
  }

  async listPostmortems(
    query: ListPostmortemsQuery,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: PostmortemListItem[]; totalCount: number }> {
    return listPostmortems(this.internals, query, visible, drafts);
  }

  async searchPublishedPostmortems(
    cursor: string | undefined,
    limit: number,
  ): Promise<
    SearchDocumentsPage<{ postmortem: Postmortem; incident: Incident }>
  > {
    return searchPublishedPostmortems(this.internals, cursor, limit);
  }

  // ------------------------------------------------------------ action items

  async listActionItems(
    query: ListActionItemsQuery,
    today: string,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: ActionItemWithContext[]; totalCount: number }> {
    return listActionItems(this.internals, query, today, visible, drafts);
  }

  async getActionItem(
    id: string,
  ): Promise<
    (ActionItem & { postmortemId: string; incidentId: string }) | undefined
  > {
    return getActionItem(this.internals, id);
  }
}
