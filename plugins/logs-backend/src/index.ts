/**
 * Vigil's logs backend: search and live tail of structured log lines in
 * time-partitioned PostgreSQL tables, per catalog entity, with retention.
 *
 * @packageDocumentation
 */
export { logsPlugin as default } from './plugin';
export { logsPlugin } from './plugin';
export { readLogsConfig, type LogsBackendConfig } from './config';
