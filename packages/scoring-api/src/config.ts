import { z } from 'zod';
import { FaultSettings, faultSettingsSchema } from './faults';
import { DEFAULT_ALLOWED_HOSTS, parseHost } from './hostCheck';

/** Which release this process is and which slot it runs in (blue-green). */
export interface BuildInfo {
  version: string;
  commit: string;
  /** `blue` or `green` behind the proxy; `none` when run on its own. */
  color: string;
}

/** Where and how the scoring API rotates its JSON log file. */
export interface LogFileSettings {
  /** Directory of `scoring-<color>.<n>.json` (created when missing). */
  dir: string;
  /** Rotate at this size (`10m`, `500k`, `1g`). */
  maxSize: string;
  /** Rotate at least this often: `daily`, `hourly` or milliseconds. */
  frequency: string | number;
  /** Rotated files kept besides the current one; older ones are deleted. */
  keep: number;
}

/** Run-time settings of the scoring API, all from environment variables. */
export interface ServiceConfig {
  host: string;
  port: number;
  /** Redis URL of the feature store; undefined means the in-process store. */
  redisUrl?: string;
  /** Bearer token of the /admin routes; without one they are disabled. */
  adminToken?: string;
  /** Host header names accepted on /v1 and /admin (DNS rebinding). */
  allowedHosts: string[];
  /** How long in-flight requests may take to finish on SIGTERM before exit. */
  shutdownTimeoutMs: number;
  /** How long a feature read may stay cached in process. */
  featureCacheTtlMs: number;
  logLevel: string;
  /**
   * The rotating JSON log file beside stdout (SCORING_LOG_DIR); undefined:
   * stdout only.
   */
  logFile?: LogFileSettings;
  /** Requests slower than this log a `warn` "slow request" line. */
  slowRequestMs: number;
  build: BuildInfo;
  /**
   * Faults switched on by the environment (a deliberately broken release,
   * for rollback drills) once `faultsAfterRequests` scoring requests have
   * been served: a latent bug that smoke tests do not catch.
   */
  faults?: FaultSettings;
  faultsAfterRequests: number;
}

const envSchema = z.object({
  SCORING_HOST: z.string().min(1).default('127.0.0.1'),
  SCORING_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SCORING_REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine(v => v === 'none' || /^rediss?:\/\//.test(v), {
      message: "must be a redis:// or rediss:// URL, or 'none'",
    }),
  VIGIL_SCORING_ADMIN_TOKEN: z.string().optional(),
  // The name before ./vigil start generated the token; still read.
  SCORING_ADMIN_TOKEN: z.string().optional(),
  SCORING_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform(v =>
      v
        ?.split(',')
        .map(h => h.trim())
        .filter(Boolean),
    )
    .refine(v => !v || (v.length > 0 && v.every(h => parseHost(h))), {
      message:
        'must be a comma-separated list of host names, optionally with :port',
    }),
  SCORING_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  SCORING_FEATURE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  SCORING_LOG_DIR: z.string().optional(),
  SCORING_LOG_MAX_SIZE: z
    .string()
    .regex(/^[1-9][0-9]*[kmg]$/, { message: 'must be like 10m, 500k or 1g' })
    .default('10m'),
  SCORING_LOG_FREQUENCY: z
    .string()
    .regex(/^(daily|hourly|[1-9][0-9]{3,})$/, {
      message: 'must be daily, hourly or milliseconds (at least 1000)',
    })
    .default('daily'),
  SCORING_LOG_FILES: z.coerce.number().int().min(1).max(1000).default(7),
  SCORING_SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(500),
  SCORING_VERSION: z
    .string()
    .regex(/^[0-9A-Za-z.+_-]{1,100}$/, {
      message: 'must be 1-100 letters, digits, ".", "+", "_" or "-"',
    })
    .default('dev'),
  SCORING_COMMIT: z
    .string()
    .regex(/^([0-9a-f]{7,40}|unknown)$/, {
      message: 'must be a git commit (7-40 hex digits)',
    })
    .default('unknown'),
  SCORING_COLOR: z.enum(['blue', 'green', 'none']).default('none'),
  SCORING_FAULTS: z.string().optional(),
  SCORING_FAULTS_AFTER_REQUESTS: z.coerce.number().int().min(0).default(0),
});

export class ConfigError extends Error {}

/** SCORING_FAULTS: JSON of the fault settings (faults.ts), checked in full. */
function parseFaults(raw: string | undefined): FaultSettings | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(
      `invalid environment: SCORING_FAULTS is not JSON (${
        (error as Error).message
      }); expected e.g. {"errorRate":0.5}`,
    );
  }
  const parsed = faultSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      )
      .join('; ');
    throw new ConfigError(`invalid environment: SCORING_FAULTS ${problems}`);
  }
  return parsed.data;
}

export function readConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i => `${i.path.join('.')} ${i.message}`)
      .join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    host: e.SCORING_HOST,
    port: e.SCORING_PORT,
    redisUrl: e.SCORING_REDIS_URL === 'none' ? undefined : e.SCORING_REDIS_URL,
    adminToken:
      e.VIGIL_SCORING_ADMIN_TOKEN || e.SCORING_ADMIN_TOKEN || undefined,
    allowedHosts: e.SCORING_ALLOWED_HOSTS ?? [...DEFAULT_ALLOWED_HOSTS],
    shutdownTimeoutMs: e.SCORING_SHUTDOWN_TIMEOUT_MS,
    featureCacheTtlMs: e.SCORING_FEATURE_CACHE_TTL_MS,
    logLevel: e.LOG_LEVEL,
    logFile: e.SCORING_LOG_DIR?.trim()
      ? {
          dir: e.SCORING_LOG_DIR.trim(),
          maxSize: e.SCORING_LOG_MAX_SIZE,
          frequency: /^[0-9]+$/.test(e.SCORING_LOG_FREQUENCY)
            ? Number(e.SCORING_LOG_FREQUENCY)
            : e.SCORING_LOG_FREQUENCY,
          keep: e.SCORING_LOG_FILES,
        }
      : undefined,
    slowRequestMs: e.SCORING_SLOW_REQUEST_MS,
    build: {
      version: e.SCORING_VERSION,
      commit: e.SCORING_COMMIT,
      color: e.SCORING_COLOR,
    },
    faults: parseFaults(e.SCORING_FAULTS),
    faultsAfterRequests: e.SCORING_FAULTS_AFTER_REQUESTS,
  };
}
