import { createApiRef } from '@backstage/core-plugin-api';
import type { SupportApi } from '@vigil/backstage-plugin-support-common';

/**
 * The support backend's client (`SupportClient` from support-common).
 * @public
 */
export const supportApiRef = createApiRef<SupportApi>({
  id: 'plugin.support.api',
});
