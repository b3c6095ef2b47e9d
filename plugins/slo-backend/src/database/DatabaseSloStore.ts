import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { Knex } from 'knex';
import { SANDBOX_NAMESPACE } from '@vigil/backstage-plugin-sandbox-common';
import type {
  EntitySpecs,
  EvaluationOutcome,
  SloCurrentStatus,
  SloEvaluation,
} from '../service/types';
import { downsampledHistory, historyStats } from './chartHistory';
import { purgeHistory } from './purgeHistory';
import {
  readEvaluationRecord,
  recordEvaluationOutcome,
} from './evaluationStatus';
import {
  DEFINITION_SUMMARY_COLUMNS,
  DefinitionRow,
  definitionFromRow,
  definitionSummaryFromRow,
  entityFromRow,
  EntityRow,
  EVALUATION_COLUMNS,
  statusFromRow,
  StatusRow,
  statusToRow,
} from './rows';
import type {
  HistoryCounts,
  HistoryRange,
  ListSlosQuery,
  SloListItem,
  SloStore,
} from './SloStore';

/** The plugin's migrations (`migrations/`). */
export const sloMigrations = pluginMigrations(
  '@vigil/backstage-plugin-slo-backend',
);

// SQLite's default limit on bound variables per statement is 999 (older
// builds); inserts are chunked well below it.
const INSERT_CHUNK = 50;

/** What the list reads of an SLO and its status. */
const LIST_COLUMNS = [
  ...DEFINITION_SUMMARY_COLUMNS.map(column => `d.${column}`),
  ...EVALUATION_COLUMNS.map(column => `s.${column}`),
  's.error',
];

type ListRow = Omit<DefinitionRow, 'spec' | 'updated_at'> & Partial<StatusRow>;

/** `%` and `_` are wildcards in LIKE; escape them so `q` is literal. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, char => `\\${char}`)}%`;
}

/** {@link SloStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSloStore implements SloStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSloStore> {
    return new DatabaseSloStore(
      await sloMigrations.client(options.database, options),
    );
  }

  constructor(private readonly db: Knex) {}

  async replaceSpecs(entities: EntitySpecs[], refreshedAt: number) {
    await this.db.transaction(async tx => {
      const entityRefs = entities.map(e => e.entity.entityRef);
      const sloIds = entities.flatMap(e => e.definitions.map(d => d.sloId));

      // Whatever left the catalog or the spec goes, with its current status;
      // its history stays until pruned.
      await tx('slo_entities').whereNotIn('entity_ref', entityRefs).delete();
      await tx('slo_definitions').whereNotIn('slo_id', sloIds).delete();
      await tx('slo_current_status').whereNotIn('slo_id', sloIds).delete();

      const entityRows: EntityRow[] = entities.map(({ entity }) => ({
        entity_ref: entity.entityRef,
        title: entity.title ?? null,
        owner: entity.owner ?? null,
        system: entity.system ?? null,
        lifecycle: entity.lifecycle ?? null,
        spec_source_type: entity.specSource.type,
        spec_source_target: entity.specSource.target ?? null,
        spec_source_url: entity.specSource.url ?? null,
        errors: JSON.stringify(entity.errors),
        warnings: JSON.stringify(entity.warnings),
        refreshed_at: refreshedAt,
      }));
      for (let i = 0; i < entityRows.length; i += INSERT_CHUNK) {
        await tx('slo_entities')
          .insert(entityRows.slice(i, i + INSERT_CHUNK))
          .onConflict('entity_ref')
          .merge();
      }

      const definitionRows: DefinitionRow[] = entities.flatMap(
        ({ definitions }) =>
          definitions.map(definition => ({
            slo_id: definition.sloId,
            entity_ref: definition.entityRef,
            service: definition.service,
            name: definition.name,
            description: definition.description ?? null,
            objective_percent: definition.objectivePercent,
            period: definition.period,
            owner: definition.owner ?? null,
            system: definition.system ?? null,
            lifecycle: definition.lifecycle ?? null,
            spec: JSON.stringify(definition.spec),
            updated_at: refreshedAt,
          })),
      );
      for (let i = 0; i < definitionRows.length; i += INSERT_CHUNK) {
        await tx('slo_definitions')
          .insert(definitionRows.slice(i, i + INSERT_CHUNK))
          .onConflict('slo_id')
          .merge();
      }
    });
  }

  async listDefinitions() {
    const rows = await this.db<DefinitionRow>('slo_definitions').orderBy(
      'slo_id',
    );
    return rows.map(definitionFromRow);
  }

  async definitionsVersion() {
    const row = await this.db('slo_definitions')
      .count({ count: '*' })
      .max({ refreshedAt: 'updated_at' })
      .first();
    return `${Number(row?.count ?? 0)}@${Number(row?.refreshedAt ?? 0)}`;
  }

  async listEntityRefs() {
    const rows = await this.db<EntityRow>('slo_entities')
      .select('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async getDefinition(sloId: string) {
    const row = await this.db<DefinitionRow>('slo_definitions')
      .where('slo_id', sloId)
      .first();
    return row ? definitionFromRow(row) : undefined;
  }

  async getEntity(entityRef: string) {
    const entityRow = await this.db<EntityRow>('slo_entities')
      .where('entity_ref', entityRef)
      .first();
    if (!entityRow) return undefined;
    const definitions = await this.db<DefinitionRow>('slo_definitions')
      .where('entity_ref', entityRef)
      .orderBy('slo_id');
    const statuses = await this.db<StatusRow>('slo_current_status')
      .where('entity_ref', entityRef)
      .orderBy('slo_id');
    return {
      entity: entityFromRow(entityRow),
      definitions: definitions.map(definitionFromRow),
      statuses: statuses.map(statusFromRow),
    };
  }

  /**
   * One page of SLOs, worst budget first, no data last. The SLOs with a
   * budget figure are read in the order of an index
   * (slo_current_status_budget_slo_idx), so the read stops at the page's end
   * rather than sorting every SLO; the ones without (never evaluated, or no
   * data) follow by id and are read only when the page reaches them. Only
   * the columns the list shows are read: never the spec.
   */
  async listSlos(
    query: ListSlosQuery,
  ): Promise<{ items: SloListItem[]; totalCount: number }> {
    if (query.entityRefs?.length === 0) return { items: [], totalCount: 0 };
    const totalCount = await this.countSlos(query, 'all');
    if (query.offset >= totalCount) return { items: [], totalCount };

    const direction = query.order === 'desc' ? 'desc' : 'asc';
    let rows: ListRow[] = await this.filteredSlos(query, 'inner')
      .whereNotNull('s.budget_remaining')
      .select(LIST_COLUMNS)
      .orderBy('s.budget_remaining', direction)
      .orderBy('s.slo_id', 'asc')
      .limit(query.limit)
      .offset(query.offset);
    if (rows.length < query.limit) {
      // The page runs past the SLOs with a budget. How many there are is
      // known from this read, unless the page starts after all of them.
      const withBudget =
        rows.length > 0 || query.offset === 0
          ? query.offset + rows.length
          : await this.countSlos(query, 'withBudget');
      const withoutBudget: ListRow[] = await this.filteredSlos(query, 'left')
        .whereNull('s.budget_remaining')
        .select(LIST_COLUMNS)
        .orderBy('d.slo_id', 'asc')
        .limit(query.limit - rows.length)
        .offset(Math.max(0, query.offset - withBudget));
      rows = rows.concat(withoutBudget);
    }

    const items = rows.map(row => ({
      definition: definitionSummaryFromRow(row),
      ...(row.status && { status: statusFromRow(row as StatusRow) }),
    }));
    return { items, totalCount };
  }

  private async countSlos(
    query: ListSlosQuery,
    which: 'all' | 'withBudget',
  ): Promise<number> {
    const counted =
      which === 'withBudget'
        ? this.filteredSlos(query, 'inner').whereNotNull('s.budget_remaining')
        : // Every SLO has at most one status row: join it only to filter.
          this.filteredSlos(query, query.status ? 'left' : 'none');
    const [{ count }] = await counted.count({ count: '*' });
    return Number(count);
  }

  /** The SLOs that pass the query's filters (its status needs a join). */
  private filteredSlos(query: ListSlosQuery, join: 'inner' | 'left' | 'none') {
    const filtered = this.db('slo_definitions as d');
    if (join === 'inner') {
      filtered.join('slo_current_status as s', 's.slo_id', 'd.slo_id');
    } else if (join === 'left') {
      filtered.leftJoin('slo_current_status as s', 's.slo_id', 'd.slo_id');
    }
    if (query.entityRefs) filtered.whereIn('d.entity_ref', query.entityRefs);
    if (query.owner) filtered.where('d.owner', query.owner);
    if (query.system) filtered.where('d.system', query.system);
    if (query.lifecycle) filtered.where('d.lifecycle', query.lifecycle);
    if (query.sandbox === 'exclude' || query.sandbox === 'only') {
      // Refs are kind:namespace/name, and neither a kind nor a namespace can
      // hold ':' or '/': this matches the namespace exactly.
      const inSandbox = `%:${SANDBOX_NAMESPACE}/%`;
      filtered.whereRaw(
        `lower(d.entity_ref) ${query.sandbox === 'only' ? '' : 'not '}like ?`,
        [inSandbox],
      );
    }
    if (query.status === 'no-data') {
      // Never-evaluated SLOs have no status row yet.
      filtered.where(inner =>
        inner.whereNull('s.status').orWhere('s.status', 'no-data'),
      );
    } else if (query.status) {
      filtered.where('s.status', query.status);
    }
    if (query.q) {
      const pattern = likePattern(query.q);
      filtered.where(inner => {
        for (const column of [
          'd.slo_id',
          'd.name',
          'd.description',
          'd.entity_ref',
        ]) {
          inner.orWhereRaw(`lower(${column}) like ? escape '\\'`, [pattern]);
        }
      });
    }
    return filtered;
  }

  async recordEvaluations(
    statuses: SloCurrentStatus[],
    options: {
      history?: boolean | ((status: SloCurrentStatus) => boolean);
    } = {},
  ) {
    if (statuses.length === 0) return;
    await this.db.transaction(async tx => {
      const rows = statuses.map(status => ({
        ...statusToRow(status),
        error: status.error ?? null,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx('slo_current_status')
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict('slo_id')
          .merge();
      }
      const { history = true } = options;
      let historic = history ? statuses : [];
      if (typeof history === 'function') historic = statuses.filter(history);
      if (historic.length > 0) {
        const historyRows = historic.map(statusToRow);
        for (let i = 0; i < historyRows.length; i += INSERT_CHUNK) {
          await tx('slo_evaluations').insert(
            historyRows.slice(i, i + INSERT_CHUNK),
          );
        }
      }
    });
  }

  async getCurrentStatus(sloId: string) {
    const row = await this.db<StatusRow>('slo_current_status')
      .where('slo_id', sloId)
      .first();
    return row ? statusFromRow(row) : undefined;
  }

  async listCurrentStatuses() {
    const rows = await this.db<StatusRow>('slo_current_status').orderBy(
      'slo_id',
    );
    return rows.map(statusFromRow);
  }

  async getHistory(sloId: string, range: HistoryRange) {
    const rows = await this.db<StatusRow>('slo_evaluations')
      .select('slo_id', 'entity_ref', ...EVALUATION_COLUMNS)
      .where('slo_id', sloId)
      .where('evaluated_at', '>=', range.from)
      .where('evaluated_at', '<=', range.to)
      .orderBy('evaluated_at', 'asc')
      .limit(range.limit);
    return rows.map(statusFromRow);
  }

  async getChartHistory(
    sloId: string,
    range: HistoryRange & { points: number },
  ): Promise<{ counts: HistoryCounts; evaluations: SloEvaluation[] }> {
    const { firstAt, lastAt, ...counts } = await historyStats(
      this.db,
      sloId,
      range,
    );
    if (counts.evaluations <= range.points || firstAt === null) {
      return { counts, evaluations: await this.getHistory(sloId, range) };
    }
    const rows = await downsampledHistory(this.db, sloId, range, {
      firstAt,
      lastAt: lastAt ?? firstAt,
    });
    return { counts, evaluations: rows.map(statusFromRow) };
  }

  async pruneHistory(before: number) {
    return await this.db('slo_evaluations')
      .where('evaluated_at', '<', before)
      .delete();
  }

  async purgeHistory(namespace: string) {
    return await purgeHistory(this.db, namespace);
  }

  async recordEvaluationOutcome(outcome: EvaluationOutcome) {
    await recordEvaluationOutcome(this.db, outcome);
  }

  async getEvaluationRecord() {
    return await readEvaluationRecord(this.db);
  }
}
