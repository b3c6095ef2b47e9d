import type { RootConfigService as Config } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { DependencyOptions } from './types';

/**
 * A duration of the configuration in milliseconds: Backstage's forms (a
 * HumanDuration object such as `{ seconds: 30 }`, an ISO 8601 duration such
 * as `PT30S`, or `30s`/`500ms`), or a plain number of milliseconds.
 */
export function readDurationMs(config: Config, key: string): number {
  const value = config.get(key);
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new Error(
      `Invalid duration at ${key}: a number of milliseconds must not be negative`,
    );
  }
  try {
    return durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new Error(
      `Invalid duration at ${key}: expected milliseconds, a HumanDuration object, an ISO 8601 duration (PT30S) or 30s/500ms/2m (${
        (error as Error).message
      })`,
    );
  }
}

/**
 * The config key of a dependency name: names such as `plugin:incidents`
 * hold characters a config key may not, so they become `plugin-incidents`.
 */
export function dependencyConfigKey(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * What `vigil.dependencies.<name>` overrides of the options a caller gave:
 * `timeout`, `retries`, `breaker.consecutiveFailures`, `breaker.halfOpenAfter`.
 */
export function readDependencyConfig(
  config: Config | undefined,
  name: string,
): Pick<DependencyOptions, 'timeoutMs' | 'retries'> & {
  consecutiveFailures?: number;
  halfOpenAfterMs?: number;
} {
  const own = config?.getOptionalConfig(
    `vigil.dependencies.${dependencyConfigKey(name)}`,
  );
  if (!own) return {};
  return {
    timeoutMs: own.has('timeout') ? readDurationMs(own, 'timeout') : undefined,
    retries: own.getOptionalNumber('retries'),
    consecutiveFailures: own.getOptionalNumber('breaker.consecutiveFailures'),
    halfOpenAfterMs: own.has('breaker.halfOpenAfter')
      ? readDurationMs(own, 'breaker.halfOpenAfter')
      : undefined,
  };
}
