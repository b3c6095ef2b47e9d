import { createApiRef } from '@backstage/core-plugin-api';
import type { LogsApi } from '@vigil/backstage-plugin-logs-common';

export type { LogsApi } from '@vigil/backstage-plugin-logs-common';

/**
 * The logs backend's client (`LogsClient` from logs-common).
 * @public
 */
export const logsApiRef = createApiRef<LogsApi>({ id: 'plugin.logs.api' });
