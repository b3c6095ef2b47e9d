import { createApiRef } from '@backstage/core-plugin-api';
import type { RumApi } from '@vigil/backstage-plugin-rum-common';

export type { RumApi } from '@vigil/backstage-plugin-rum-common';

/**
 * The RUM backend's client (`RumClient` from rum-common).
 * @public
 */
export const rumApiRef = createApiRef<RumApi>({ id: 'plugin.rum.api' });
