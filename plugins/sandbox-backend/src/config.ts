import type { Config } from '@backstage/config';

/** The sandbox backend's settings (`vigil.sandbox`, config.d.ts). */
export interface SandboxBackendConfig {
  /** The sandbox service's base URL, without a trailing slash. */
  serviceUrl: string;
  /** Its admin API's bearer token (undefined: not configured). */
  adminToken?: string;
  timeoutMs: number;
}

export const DEFAULT_SANDBOX_SERVICE_URL = 'http://127.0.0.1:8090';

/** Reads `vigil.sandbox.*` with defaults. */
export function readSandboxConfig(config: Config): SandboxBackendConfig {
  const serviceUrl =
    config.getOptionalString('vigil.sandbox.serviceUrl') ||
    DEFAULT_SANDBOX_SERVICE_URL;
  return {
    serviceUrl: serviceUrl.replace(/\/+$/, ''),
    adminToken:
      config.getOptionalString('vigil.sandbox.adminToken') || undefined,
    timeoutMs: config.getOptionalNumber('vigil.sandbox.timeoutMs') ?? 3000,
  };
}
