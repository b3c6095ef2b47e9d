import { createApiRef } from '@backstage/core-plugin-api';
import type { ServiceHealthApi } from '@vigil/backstage-plugin-service-health-common';

/**
 * The service health backend's client (`/api/service-health`).
 * @public
 */
export const serviceHealthApiRef = createApiRef<ServiceHealthApi>({
  id: 'plugin.service-health.api',
});
