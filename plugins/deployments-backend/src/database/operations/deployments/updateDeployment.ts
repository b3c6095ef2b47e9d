import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { DeploymentEdit } from '../../DeploymentsStore';
import type { StoreInternals } from '../StoreInternals';
import { DEPLOYMENTS, deploymentFromRow, DeploymentRow, toMs } from './rows';

/**
 * Applies the fields `edit` names to a record still at `edit.revision`
 * (compare-and-set; arrays replace the stored ones, absent fields stay).
 * Undefined when missing, 'conflict' when at another revision.
 */
export async function updateDeployment(
  internals: StoreInternals,
  edit: DeploymentEdit,
): Promise<DeploymentRecord | 'conflict' | undefined> {
  const changes: Partial<DeploymentRow> = {
    revision: edit.revision + 1,
    updated_at: edit.now,
  };
  if (edit.outcome !== undefined) changes.outcome = edit.outcome;
  if (edit.steps !== undefined) changes.steps = JSON.stringify(edit.steps);
  if (edit.smoke !== undefined) changes.smoke = JSON.stringify(edit.smoke);
  if (edit.trafficSwitchedAt !== undefined) {
    changes.traffic_switched_at = toMs(edit.trafficSwitchedAt);
  }
  if (edit.finishedAt !== undefined) {
    changes.finished_at = toMs(edit.finishedAt);
  }
  if (edit.reason !== undefined) changes.reason = edit.reason;
  if (edit.drill !== undefined) changes.drill = JSON.stringify(edit.drill);

  return internals.db.transaction(async tx => {
    const updated = await tx(DEPLOYMENTS)
      .where({ id: edit.id, revision: edit.revision })
      .update(changes);
    const row = await tx<DeploymentRow>(DEPLOYMENTS)
      .where('id', edit.id)
      .first();
    if (!row) return undefined;
    return updated === 1 ? deploymentFromRow(row) : 'conflict';
  });
}
