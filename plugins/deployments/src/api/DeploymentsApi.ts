import { createApiRef } from '@backstage/core-plugin-api';
import type { DeploymentsApi } from '@vigil/backstage-plugin-deployments-common';

export type { DeploymentsApi } from '@vigil/backstage-plugin-deployments-common';

/**
 * The deployments backend's client (`DeploymentsClient` from
 * deployments-common, which the deploy CLI's and other plugins' code shares).
 * @public
 */
export const deploymentsApiRef = createApiRef<DeploymentsApi>({
  id: 'plugin.deployments.api',
});
