import type {
  Color,
  DeploymentKind,
  DeploymentOutcome,
  DeploymentRecord,
  DeploymentStep,
  DrillResult,
  Release,
  SmokeCheck,
} from '@vigil/backstage-plugin-deployments-common';

export const DEPLOYMENTS = 'deployments';

/** A row of `deployments`. */
export interface DeploymentRow {
  id: string;
  entity_ref: string;
  environment: string;
  kind: string;
  outcome: string;
  release: string;
  previous: string | null;
  from_color: string | null;
  to_color: string | null;
  recorded_by: string;
  operator: string | null;
  reason: string | null;
  started_at: number | string;
  traffic_switched_at: number | string | null;
  finished_at: number | string | null;
  steps: string;
  smoke: string;
  drill: string | null;
  revision: number;
  created_at: number | string;
  updated_at: number | string;
}

/** PostgreSQL returns bigint columns as strings. */
const iso = (value: number | string) => new Date(Number(value)).toISOString();

/** An ISO instant as stored: epoch milliseconds (UTC). */
export const toMs = (value: string) => Date.parse(value);
export const toMsOrNull = (value: string | undefined) =>
  value === undefined ? null : Date.parse(value);

export function deploymentFromRow(row: DeploymentRow): DeploymentRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    kind: row.kind as DeploymentKind,
    outcome: row.outcome as DeploymentOutcome,
    release: JSON.parse(row.release) as Release,
    ...(row.previous !== null && {
      previous: JSON.parse(row.previous) as Release,
    }),
    ...(row.from_color !== null && { fromColor: row.from_color as Color }),
    ...(row.to_color !== null && { toColor: row.to_color as Color }),
    recordedBy: row.recorded_by,
    ...(row.operator !== null && { operator: row.operator }),
    ...(row.reason !== null && { reason: row.reason }),
    startedAt: iso(row.started_at),
    ...(row.traffic_switched_at !== null && {
      trafficSwitchedAt: iso(row.traffic_switched_at),
    }),
    ...(row.finished_at !== null && { finishedAt: iso(row.finished_at) }),
    steps: JSON.parse(row.steps) as DeploymentStep[],
    smoke: JSON.parse(row.smoke) as SmokeCheck[],
    ...(row.drill !== null && { drill: JSON.parse(row.drill) as DrillResult }),
    revision: Number(row.revision),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
