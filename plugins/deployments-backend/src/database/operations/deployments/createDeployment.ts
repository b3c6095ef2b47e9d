import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { NewDeployment } from '../../DeploymentsStore';
import type { StoreInternals } from '../StoreInternals';
import {
  DEPLOYMENTS,
  deploymentFromRow,
  DeploymentRow,
  toMs,
  toMsOrNull,
} from './rows';

/** Stores a record at revision 1. */
export async function createDeployment(
  internals: StoreInternals,
  input: NewDeployment,
): Promise<DeploymentRecord> {
  const row: DeploymentRow = {
    id: internals.newId(),
    entity_ref: input.entityRef,
    environment: input.environment,
    kind: input.kind,
    outcome: input.outcome,
    release: JSON.stringify(input.release),
    previous: input.previous ? JSON.stringify(input.previous) : null,
    from_color: input.fromColor ?? null,
    to_color: input.toColor ?? null,
    recorded_by: input.recordedBy,
    operator: input.operator ?? null,
    reason: input.reason ?? null,
    started_at: toMs(input.startedAt),
    traffic_switched_at: toMsOrNull(input.trafficSwitchedAt),
    finished_at: toMsOrNull(input.finishedAt),
    steps: JSON.stringify(input.steps),
    smoke: JSON.stringify(input.smoke),
    drill: input.drill ? JSON.stringify(input.drill) : null,
    revision: 1,
    created_at: input.now,
    updated_at: input.now,
  };
  await internals.db(DEPLOYMENTS).insert(row);
  return deploymentFromRow(row);
}
