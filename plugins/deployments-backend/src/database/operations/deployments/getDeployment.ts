import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { StoreInternals } from '../StoreInternals';
import { DEPLOYMENTS, deploymentFromRow, DeploymentRow } from './rows';

export async function getDeployment(
  internals: StoreInternals,
  id: string,
): Promise<DeploymentRecord | undefined> {
  const row = await internals
    .db<DeploymentRow>(DEPLOYMENTS)
    .where('id', id)
    .first();
  return row ? deploymentFromRow(row) : undefined;
}
