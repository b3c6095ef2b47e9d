import type { ConfigApi as Config } from '@backstage/core-plugin-api';

/** The app's `rum.*` settings (config.d.ts of rum-backend). */
export interface RumSettings {
  enabled: boolean;
  collectorUrl?: string;
  apiKey?: string;
  sampleRate: number;
  app: { name: string; version: string; environment: string };
}

export function readRumConfig(config: Config): RumSettings {
  const sampleRate = config.getOptionalNumber('rum.sampleRate') ?? 1;
  return {
    enabled: config.getOptionalBoolean('rum.enabled') ?? false,
    collectorUrl: config.getOptionalString('rum.collectorUrl') || undefined,
    apiKey: config.getOptionalString('rum.collector.apiKey') || undefined,
    sampleRate: Math.min(1, Math.max(0, sampleRate)),
    app: {
      name: 'vigil',
      version: config.getOptionalString('rum.release') ?? '0.0.0-dev',
      environment: config.getOptionalString('rum.environment') ?? 'development',
    },
  };
}
