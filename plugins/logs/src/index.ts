/**
 * Vigil's logs frontend plugin. The plugin itself (new frontend system) is
 * the default export of `@vigil/backstage-plugin-logs/alpha`; this entry
 * point exports the API and the tab's filter for other plugins and tests.
 *
 * @packageDocumentation
 */
export { logsApiRef } from './api/LogsApi';
export type { LogsApi } from './api/LogsApi';
export { hasLogs, LOGS_TAB_PATH } from './lib/filters';
