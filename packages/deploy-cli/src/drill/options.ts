import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_DRILL_TARGETS } from '@vigil/backstage-plugin-deployments-common';

/** `vigil-deploy drill`'s settings, after parsing and validation. */
export interface DrillOptions {
  /** A git ref to release as the bad version; undefined: the working tree. */
  ref?: string;
  entityRef: string;
  /** Scoring requests per second through the proxy. */
  rate: number;
  connections: number;
  /** Feature-store writes per second through the proxy. */
  writesPerSecond: number;
  /** SCORING_FAULTS of the bad release. */
  faults: Record<string, unknown>;
  /** SCORING_FAULTS_AFTER_REQUESTS of the bad release. */
  faultAfterRequests: number;
  /** Watch window of the bad release's deploy, seconds. */
  watchSeconds: number;
  /** Steady load before the release and after the rollback, seconds. */
  settleSeconds: number;
  rtoTargetMs: number;
  rpoWindowTargetMs: number;
  /** Where the evidence goes (relative to the repository root, or absolute). */
  outDir: string;
}

export const DRILL_USAGE = `usage: vigil-deploy drill [options]

Releases a deliberately broken scoring API under steady load, lets the
deploy's watch window detect it and roll back, and measures detection time,
RTO and RPO. Evidence: validation/drills/<UTC timestamp>-<entity>.json + .md.

  --ref <git ref>          release this ref as the bad version (default: the working tree)
  --entity <ref>           catalog entity (default: component:default/scoring-api)
  --rate <n>               scoring requests per second through HAProxy (default: 20)
  --connections <n>        connections of that load (default: 4)
  --writes <n>             feature-store writes per second (default: 4)
  --fault <json>           SCORING_FAULTS of the bad release (default: {"errorRate":1})
  --fault-after <n>        scoring requests it serves before the fault applies (default: 50)
  --watch <seconds>        the deploy's watch window (default: 60)
  --settle <seconds>       steady load before the release and after the rollback (default: 5)
  --rto-target <seconds>   RTO target (default: 60)
  --rpo-target <seconds>   target of the window of failed requests (default: 60)
  --out <dir>              evidence directory (default: validation/drills)
`;

const positiveNumber = (flag: string) =>
  z.coerce
    .number({ invalid_type_error: `--${flag} must be a number` })
    .positive(`--${flag} must be above 0`);
const nonNegativeInt = (flag: string) =>
  z.coerce
    .number({ invalid_type_error: `--${flag} must be a number` })
    .int(`--${flag} must be a whole number`)
    .min(0, `--${flag} must be 0 or more`);

const flagsSchema = z.object({
  ref: z.string().min(1).max(200).optional(),
  entity: z
    .string()
    .regex(/^[a-z]+:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]{1,63}$/, {
      message:
        '--entity must be a full entity ref, e.g. component:default/scoring-api',
    })
    .default('component:default/scoring-api'),
  rate: positiveNumber('rate').default(20),
  connections: nonNegativeInt('connections')
    .min(1, '--connections must be 1 or more')
    .default(4),
  writes: positiveNumber('writes')
    .max(100, '--writes must be 100 or fewer')
    .default(4),
  fault: z
    .string()
    .default('{"errorRate":1}')
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value === 'object' && value && !Array.isArray(value)) {
          return value as Record<string, unknown>;
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `--fault must be a JSON object of fault settings, e.g. {"errorRate":1}`,
      });
      return z.NEVER;
    }),
  'fault-after': nonNegativeInt('fault-after').default(50),
  watch: positiveNumber('watch').default(60),
  settle: z.coerce
    .number({ invalid_type_error: '--settle must be a number' })
    .min(0, '--settle must be 0 or more')
    .default(5),
  'rto-target': positiveNumber('rto-target').default(
    DEFAULT_DRILL_TARGETS.rtoMs / 1000,
  ),
  'rpo-target': positiveNumber('rpo-target').default(
    DEFAULT_DRILL_TARGETS.rpoWindowMs / 1000,
  ),
  out: z.string().min(1).default('validation/drills'),
});

export class DrillUsageError extends Error {}

/** Parses `drill`'s arguments (those after the subcommand); throws DrillUsageError with a one-line reason. */
export function parseDrillArgs(args: string[]): DrillOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.keys(flagsSchema.shape).map(name => [
          name,
          { type: 'string' as const },
        ]),
      ),
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new DrillUsageError((error as Error).message);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    throw new DrillUsageError(parsed.error.issues[0].message);
  }
  const flags = parsed.data;
  return {
    ref: flags.ref,
    entityRef: flags.entity,
    rate: flags.rate,
    connections: flags.connections,
    writesPerSecond: flags.writes,
    faults: flags.fault,
    faultAfterRequests: flags['fault-after'],
    watchSeconds: flags.watch,
    settleSeconds: flags.settle,
    rtoTargetMs: flags['rto-target'] * 1000,
    rpoWindowTargetMs: flags['rpo-target'] * 1000,
    outDir: flags.out,
  };
}
