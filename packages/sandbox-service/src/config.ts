import { z } from 'zod';

/** The sandbox process's settings, all from environment variables. */
export interface SandboxConfig {
  host: string;
  port: number;
  adminToken: string;
  /** Requests a second the traffic generator sends to each service. */
  trafficPerSecond: number;
  /** Where reset deletes the sandbox's series; none: Prometheus is left alone. */
  prometheusUrl?: string;
}

export class ConfigError extends Error {}

const envSchema = z.object({
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  VIGIL_SANDBOX_ADMIN_TOKEN: z
    .string({
      required_error:
        'is not set: the admin API (fault injection) needs it; ./vigil start --sandbox generates one into .data/sandbox-admin-token',
    })
    .min(16, { message: 'must be at least 16 characters' }),
  SANDBOX_TRAFFIC_RPS: z.coerce.number().min(0).max(50).default(3),
  VIGIL_PROMETHEUS_URL: z
    .string()
    .url()
    .refine(v => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' })
    .optional(),
});

export function readConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues
        .map(i => `${i.path.join('.')} ${i.message}`)
        .join('; '),
    );
  }
  const e = parsed.data;
  return {
    host: e.SANDBOX_HOST,
    port: e.SANDBOX_PORT,
    adminToken: e.VIGIL_SANDBOX_ADMIN_TOKEN,
    trafficPerSecond: e.SANDBOX_TRAFFIC_RPS,
    prometheusUrl: e.VIGIL_PROMETHEUS_URL?.replace(/\/+$/, ''),
  };
}
