import { createApiRef } from '@backstage/core-plugin-api';
import type { SandboxApi } from '@vigil/backstage-plugin-sandbox-common';

export type { SandboxApi } from '@vigil/backstage-plugin-sandbox-common';

/**
 * The sandbox backend's client (`SandboxClient` from sandbox-common).
 * @public
 */
export const sandboxApiRef = createApiRef<SandboxApi>({
  id: 'plugin.sandbox.api',
});
