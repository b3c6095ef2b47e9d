import path from 'node:path';
import type { Config } from '@backstage/config';

/** The collector's settings (`rum.collector`, `rum.sourceMaps`). */
export interface RumBackendConfig {
  /** Origins whose pages may post (CORS); default: `app.baseUrl`'s origin. */
  allowedOrigins: string[];
  /** Largest accepted body in bytes (413 above). */
  maxPayloadBytes: number;
  /** Payloads per minute per client address, and the burst (429 above). */
  rateLimit: { perMinute: number; burst: number };
  /** When set, the `x-api-key` header Faro sends must equal it (401). */
  apiKey?: string;
  /** The app build's directory with the source maps (undefined: none). */
  sourceMapsDirectory?: string;
  /** Days sessions and aggregates are kept. */
  retentionDays: number;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Reads `rum.*` with defaults (see config.d.ts). */
export function readRumBackendConfig(config: Config): RumBackendConfig {
  const appOrigin = originOf(config.getOptionalString('app.baseUrl') ?? '');
  const allowedOrigins = (
    config.getOptionalStringArray('rum.collector.allowedOrigins') ??
    (appOrigin ? [appOrigin] : [])
  ).map(o => originOf(o) ?? o);
  const sourceMaps = config.getOptionalString('rum.sourceMaps.directory');
  return {
    allowedOrigins,
    maxPayloadBytes:
      config.getOptionalNumber('rum.collector.maxPayloadBytes') ?? 1_048_576,
    rateLimit: {
      perMinute:
        config.getOptionalNumber('rum.collector.rateLimit.perMinute') ?? 600,
      burst: config.getOptionalNumber('rum.collector.rateLimit.burst') ?? 120,
    },
    apiKey: config.getOptionalString('rum.collector.apiKey') || undefined,
    sourceMapsDirectory: sourceMaps ? path.resolve(sourceMaps) : undefined,
    retentionDays: config.getOptionalNumber('rum.retentionDays') ?? 30,
  };
}
