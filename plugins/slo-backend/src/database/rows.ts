/** The SLO tables' rows and their mapping to the domain model. */
import type { ServiceLevelSpec } from '@vigil/backstage-plugin-slo-common';
import type {
  BurnRates,
  FiringAlert,
  SloCurrentStatus,
  SloDefinition,
  SloEntityRecord,
  SloEvaluation,
  SloStatusValue,
} from '../service/types';
import type { SloDefinitionSummary } from './SloStore';

export interface DefinitionRow {
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

export interface StatusRow {
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

export interface EntityRow {
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
export function toNumber(
  value: number | string | null | undefined,
): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Keeps NaN and Infinity out of the database: they become NULL. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The definition columns the SLO list reads: all but the spec. */
export const DEFINITION_SUMMARY_COLUMNS = [
  'slo_id',
  'entity_ref',
  'service',
  'name',
  'description',
  'objective_percent',
  'period',
  'owner',
  'system',
  'lifecycle',
] as const;

/** The columns of an evaluation in slo_current_status and slo_evaluations. */
export const EVALUATION_COLUMNS = [
  'evaluated_at',
  'sli',
  'budget_remaining',
  'burn_rates',
  'firing_alert',
  'firing_alerts',
  'status',
] as const;

export function definitionSummaryFromRow(
  row: Omit<DefinitionRow, 'spec' | 'updated_at'>,
): SloDefinitionSummary {
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
  };
}

export function definitionFromRow(row: DefinitionRow): SloDefinition {
  return {
    ...definitionSummaryFromRow(row),
    spec: JSON.parse(row.spec) as ServiceLevelSpec,
  };
}

/** Rows from before the firing_alerts column only know the most severe one. */
export function firingAlertsFromRow(row: StatusRow): FiringAlert[] {
  if (row.firing_alerts) {
    const parsed: unknown = JSON.parse(row.firing_alerts);
    if (Array.isArray(parsed)) return parsed as FiringAlert[];
  }
  return row.firing_alert ? [row.firing_alert as FiringAlert] : [];
}

export function statusFromRow(row: StatusRow): SloCurrentStatus {
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

export function entityFromRow(row: EntityRow): SloEntityRecord {
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

export function statusToRow(status: SloEvaluation): StatusRow {
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
