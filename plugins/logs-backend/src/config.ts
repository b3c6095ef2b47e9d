import type { Config } from '@backstage/config';

/** @public */
export interface LogsBackendConfig {
  /** Days of lines kept (`logs.retention.days`). */
  retentionDays: number;
  /** Daily partitions created ahead of today (`logs.partitions.daysAhead`). */
  partitionDaysAhead: number;
}

function boundedInteger(
  config: Config,
  key: string,
  fallback: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${key} must be an integer from 1 to ${max}, not ${value}`);
  }
  return value;
}

/** Reads the `logs` settings (config.d.ts), refusing out-of-range values. @public */
export function readLogsConfig(config: Config): LogsBackendConfig {
  return {
    retentionDays: boundedInteger(config, 'logs.retention.days', 14, 3650),
    partitionDaysAhead: boundedInteger(
      config,
      'logs.partitions.daysAhead',
      2,
      30,
    ),
  };
}
