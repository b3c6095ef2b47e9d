import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The backend's settings with their defaults. */
export interface ServiceHealthSettings {
  prometheusUrl?: string;
  cacheTtlMs: number;
  markers: boolean;
}

const DEFAULT_CACHE_TTL_MS = 20_000;

/** Reads `vigil.serviceHealth` (and `vigil.prometheus.url`). */
export function readServiceHealthConfig(config: Config): ServiceHealthSettings {
  const own = config.getOptionalConfig('vigil.serviceHealth');
  return {
    prometheusUrl: config.getOptionalString('vigil.prometheus.url'),
    cacheTtlMs: own?.has('cacheTtl')
      ? durationToMilliseconds(readDurationFromConfig(own, { key: 'cacheTtl' }))
      : DEFAULT_CACHE_TTL_MS,
    markers: own?.getOptionalBoolean('markers') ?? true,
  };
}
