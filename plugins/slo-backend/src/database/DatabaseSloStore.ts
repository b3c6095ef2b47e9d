import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type { Knex } from 'knex';
import type { ServiceLevelSpec } from '@vigil/backstage-plugin-slo-common';
import type {
  BurnRates,
  EntitySpecs,
  FiringAlert,
  SloCurrentStatus,
  SloDefinition,
  SloEntityRecord,
  SloEvaluation,
  SloStatusValue,
} from '../service/types';
import type { ListSlosQuery, SloListItem, SloStore } from './SloStore';

/** The plugin's migrations (`migrations/`). */
export const sloMigrations = pluginMigrations(
  '@vigil/backstage-plugin-slo-backend',
);

// SQLite's default limit on bound variables per statement is 999 (older
// builds); inserts are chunked well below it.
const INSERT_CHUNK = 50;

interface DefinitionRow {
  slo_id: string;
  entity_ref: string;
  service: string;
  name: string;
  description: string | null;
  objective_percent: number | string;
  period: string;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  spec: string;
  updated_at: number | string;
}

interface StatusRow {
  slo_id: string;
  entity_ref: string;
  evaluated_at: number | string;
  sli: number | string | null;
  budget_remaining: number | string | null;
  burn_rates: string;
  firing_alert: string | null;
  firing_alerts?: string | null;
  status: string;
  error?: string | null;
}

interface EntityRow {
  entity_ref: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  spec_source_type: string;
  spec_source_target: string | null;
  spec_source_url: string | null;
  errors: string;
  warnings: string;
  refreshed_at: number | string;
}

/** PostgreSQL returns bigint as strings; non-finite values become null. */
function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Keeps NaN and Infinity out of the database: they become NULL. */
function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function definitionFromRow(row: DefinitionRow): SloDefinition {
  return {
    sloId: row.slo_id,
    entityRef: row.entity_ref,
    service: row.service,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    objectivePercent: Number(row.objective_percent),
    period: row.period,
    ...(row.owner !== null && { owner: row.owner }),
    ...(row.system !== null && { system: row.system }),
    ...(row.lifecycle !== null && { lifecycle: row.lifecycle }),
    spec: JSON.parse(row.spec) as ServiceLevelSpec,
  };
}

/** Rows from before the firing_alerts column only know the most severe one. */
function firingAlertsFromRow(row: StatusRow): FiringAlert[] {
  if (row.firing_alerts) {
    const parsed: unknown = JSON.parse(row.firing_alerts);
    if (Array.isArray(parsed)) return parsed as FiringAlert[];
  }
  return row.firing_alert ? [row.firing_alert as FiringAlert] : [];
}

function statusFromRow(row: StatusRow): SloCurrentStatus {
  return {
    sloId: row.slo_id,
    entityRef: row.entity_ref,
    evaluatedAt: Number(row.evaluated_at),
    sli: toNumber(row.sli),
    budgetRemaining: toNumber(row.budget_remaining),
    burnRates: JSON.parse(row.burn_rates) as BurnRates,
    firingAlert: (row.firing_alert as FiringAlert | null) ?? null,
    firingAlerts: firingAlertsFromRow(row),
    status: row.status as SloStatusValue,
    ...(row.error !== undefined && { error: row.error }),
  };
}

function entityFromRow(row: EntityRow): SloEntityRecord {
  return {
    entityRef: row.entity_ref,
    ...(row.title !== null && { title: row.title }),
    ...(row.owner !== null && { owner: row.owner }),
    ...(row.system !== null && { system: row.system }),
    ...(row.lifecycle !== null && { lifecycle: row.lifecycle }),
    specSource: {
      type: row.spec_source_type as SloEntityRecord['specSource']['type'],
      ...(row.spec_source_target !== null && {
        target: row.spec_source_target,
      }),
      ...(row.spec_source_url !== null && { url: row.spec_source_url }),
    },
    errors: JSON.parse(row.errors),
    warnings: JSON.parse(row.warnings),
    refreshedAt: Number(row.refreshed_at),
  };
}

function statusToRow(status: SloEvaluation): StatusRow {
  const burnRates: BurnRates = {};
  for (const [window, rate] of Object.entries(status.burnRates)) {
    burnRates[window] = finiteOrNull(rate);
  }
  return {
    slo_id: status.sloId,
    entity_ref: status.entityRef,
    evaluated_at: status.evaluatedAt,
    sli: finiteOrNull(status.sli),
    budget_remaining: finiteOrNull(status.budgetRemaining),
    burn_rates: JSON.stringify(burnRates),
    firing_alert: status.firingAlert,
    firing_alerts: JSON.stringify(status.firingAlerts ?? []),
    status: status.status,
  };
}

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

  async listSlos(
    query: ListSlosQuery,
  ): Promise<{ items: SloListItem[]; totalCount: number }> {
    if (query.entityRefs?.length === 0) return { items: [], totalCount: 0 };
    const filtered = this.db('slo_definitions as d').leftJoin(
      'slo_current_status as s',
      's.slo_id',
      'd.slo_id',
    );
    if (query.entityRefs) filtered.whereIn('d.entity_ref', query.entityRefs);
    if (query.owner) filtered.where('d.owner', query.owner);
    if (query.system) filtered.where('d.system', query.system);
    if (query.lifecycle) filtered.where('d.lifecycle', query.lifecycle);
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

    const [{ count }] = await filtered
      .clone()
      .clearSelect()
      .count({ count: 'd.slo_id' });
    const direction = query.order === 'desc' ? 'desc' : 'asc';
    const rows = await filtered
      .select(
        'd.*',
        's.evaluated_at',
        's.sli',
        's.budget_remaining',
        's.burn_rates',
        's.firing_alert',
        's.firing_alerts',
        's.status',
        's.error',
      )
      // SLOs without a budget figure (no data) sort last either way.
      .orderByRaw(
        `case when s.budget_remaining is null then 1 else 0 end, s.budget_remaining ${direction}, d.slo_id asc`,
      )
      .limit(query.limit)
      .offset(query.offset);

    const items = rows.map((row: DefinitionRow & Partial<StatusRow>) => ({
      definition: definitionFromRow(row),
      ...(row.status && {
        status: statusFromRow({ ...(row as StatusRow), slo_id: row.slo_id }),
      }),
    }));
    return { items, totalCount: Number(count) };
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

  async getHistory(
    sloId: string,
    range: { from: number; to: number; limit: number },
  ) {
    const rows = await this.db<StatusRow>('slo_evaluations')
      .select(
        'slo_id',
        'entity_ref',
        'evaluated_at',
        'sli',
        'budget_remaining',
        'burn_rates',
        'firing_alert',
        'firing_alerts',
        'status',
      )
      .where('slo_id', sloId)
      .where('evaluated_at', '>=', range.from)
      .where('evaluated_at', '<=', range.to)
      .orderBy('evaluated_at', 'asc')
      .limit(range.limit);
    return rows.map(statusFromRow);
  }

  async pruneHistory(before: number) {
    return await this.db('slo_evaluations')
      .where('evaluated_at', '<', before)
      .delete();
  }
}
