import { createApiRef } from '@backstage/core-plugin-api';
import type { LaunchGatesApi } from '@vigil/backstage-plugin-launch-gates-common';

export type { LaunchGatesApi } from '@vigil/backstage-plugin-launch-gates-common';

/**
 * The launch-gates backend's client (`LaunchGatesClient` from
 * launch-gates-common, which the CLI shares).
 * @public
 */
export const launchGatesApiRef = createApiRef<LaunchGatesApi>({
  id: 'plugin.launch-gates.api',
});
