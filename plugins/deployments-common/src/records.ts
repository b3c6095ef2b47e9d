import { z } from 'zod';

/**
 * The wire contract of deployment records: what the deploy CLI posts to the
 * deployments backend and what the portal reads back. The server and every
 * client validate with these schemas.
 */

const isoTime = z.string().datetime({ offset: true });

/**
 * The two slots of a blue-green pair behind the proxy.
 * @public
 */
export const colorSchema = z.enum(['blue', 'green']);
/** @public */
export type Color = z.infer<typeof colorSchema>;

/**
 * What a record is of: a release, a rollback (by hand), a rollback drill.
 * @public
 */
export const deploymentKindSchema = z.enum(['deploy', 'rollback', 'drill']);
/** @public */
export type DeploymentKind = z.infer<typeof deploymentKindSchema>;

/**
 * How a record ended. `rolled_back`: the release took traffic and was rolled
 * back (automatically in the watch window, or a drill); `failed`: it stopped
 * before traffic moved, or traffic is in an unknown state (see its steps).
 * @public
 */
export const deploymentOutcomeSchema = z.enum([
  'in_progress',
  'succeeded',
  'rolled_back',
  'failed',
]);
/** @public */
export type DeploymentOutcome = z.infer<typeof deploymentOutcomeSchema>;

/**
 * A built version of the service.
 * @public
 */
export const releaseSchema = z
  .object({
    /** Human version, e.g. `0.1.0+3f2a1bc` or `0.1.0+3f2a1bc.dirty`. */
    version: z.string().min(1).max(100),
    /** Full git commit of the sources it was built from. */
    commit: z.string().regex(/^[0-9a-f]{7,40}$/),
    /** Committer time of that commit (lead time for changes). */
    commitTime: isoTime.optional(),
    /** The git ref asked for (`HEAD`, a tag, a branch); absent for the working tree. */
    ref: z.string().max(200).optional(),
    /** Built from a working tree with uncommitted changes. */
    dirty: z.boolean().optional(),
  })
  .strict();
/** @public */
export type Release = z.infer<typeof releaseSchema>;

/** @public */
export const stepStatusSchema = z.enum([
  'running',
  'succeeded',
  'failed',
  'skipped',
]);

/**
 * One step of a deploy as the CLI ran it (build, start, smoke, switch, watch...).
 * @public
 */
export const deploymentStepSchema = z
  .object({
    name: z.string().min(1).max(60),
    status: stepStatusSchema,
    startedAt: isoTime,
    finishedAt: isoTime.optional(),
    /** What it did or why it failed, one or two sentences. */
    detail: z.string().max(2000).optional(),
  })
  .strict();
/** @public */
export type DeploymentStep = z.infer<typeof deploymentStepSchema>;

/**
 * One smoke check against one instance.
 * @public
 */
export const smokeCheckSchema = z
  .object({
    /** `readiness`, `score`, `metrics` (or a later check's name). */
    name: z.string().min(1).max(60),
    ok: z.boolean(),
    /** The instance checked, e.g. `green` or `http://127.0.0.1:8082`. */
    target: z.string().min(1).max(200),
    at: isoTime,
    durationMs: z.number().min(0),
    detail: z.string().max(2000).optional(),
  })
  .strict();
/** @public */
export type SmokeCheck = z.infer<typeof smokeCheckSchema>;

const nonNegativeMs = z.number().min(0);

/**
 * A rollback drill's measured result: the schema of the JSON files under
 * `validation/drills/` (documented in validation/drills/README.md) and of a
 * drill record's `drill` field. Launch gates read it; change it only by
 * adding optional fields, or by bumping `schemaVersion`.
 * @public
 */
export const drillResultSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** The release made bad on purpose, and the fault it carried. */
    badRelease: releaseSchema,
    fault: z.record(z.string(), z.unknown()),
    /** The release traffic returned to. */
    goodRelease: releaseSchema,
    load: z
      .object({
        /** Requests per second offered during the drill. */
        rate: z.number().positive(),
        connections: z.number().int().positive(),
        durationMs: nonNegativeMs,
      })
      .strict(),
    /** When the bad release took traffic. */
    badTrafficAt: isoTime,
    detection: z
      .object({
        detectedAt: isoTime,
        /** From the bad release taking traffic to the rollback decision. */
        detectionMs: nonNegativeMs,
        /**
         * What noticed: failed smoke checks or the SLO's fast-burn condition;
         * `none` when nothing did and the drill rolled back by hand when it
         * gave up (`detectedAt`), a drill that fails.
         */
        signal: z.enum(['smoke', 'fast-burn', 'none']),
        detail: z.string().max(2000),
      })
      .strict(),
    rto: z
      .object({
        /** When traffic was healthy again (back on the good release). */
        restoredAt: isoTime,
        /** From the bad release taking traffic to healthy traffic again. */
        rtoMs: nonNegativeMs,
        targetMs: nonNegativeMs,
        met: z.boolean(),
      })
      .strict(),
    rpo: z
      .object({
        totalRequests: z.number().int().min(0),
        failedRequests: z.number().int().min(0),
        firstFailureAt: isoTime.optional(),
        lastFailureAt: isoTime.optional(),
        /** The window of failed or lost requests (0 when none failed). */
        windowMs: nonNegativeMs,
        targetMs: nonNegativeMs,
        /** Feature-store writes acknowledged during the drill, and how many were not found afterwards. */
        featureWrites: z
          .object({
            acknowledged: z.number().int().min(0),
            lost: z.number().int().min(0),
          })
          .strict(),
        met: z.boolean(),
      })
      .strict(),
    /** Whether detection happened and RTO and RPO are both within target. */
    passed: z.boolean(),
  })
  .strict();
/** @public */
export type DrillResult = z.infer<typeof drillResultSchema>;

/**
 * `POST /deployments`: the CLI opens a record as a deploy starts.
 * @public
 */
export const deploymentCreateSchema = z
  .object({
    entityRef: z.string().min(1).max(300),
    environment: z.string().min(1).max(60).default('production'),
    kind: deploymentKindSchema,
    release: releaseSchema,
    /** What was live before. */
    previous: releaseSchema.optional(),
    fromColor: colorSchema.optional(),
    toColor: colorSchema.optional(),
    /** The person at the keyboard, as the CLI knows them (`$USER@host`). */
    operator: z.string().max(200).optional(),
    /** Why (a rollback's or a drill's reason). */
    reason: z.string().max(2000).optional(),
    startedAt: isoTime,
    outcome: deploymentOutcomeSchema.default('in_progress'),
    steps: z.array(deploymentStepSchema).max(100).default([]),
    smoke: z.array(smokeCheckSchema).max(500).default([]),
    trafficSwitchedAt: isoTime.optional(),
    finishedAt: isoTime.optional(),
    drill: drillResultSchema.optional(),
  })
  .strict();
/** @public */
export type DeploymentCreate = z.input<typeof deploymentCreateSchema>;

/**
 * `PATCH /deployments/{id}`: progress and the end. Arrays replace the stored
 * ones; `revision` must be the stored one (409 otherwise).
 * @public
 */
export const deploymentUpdateSchema = z
  .object({
    revision: z.number().int().min(1),
    outcome: deploymentOutcomeSchema.optional(),
    steps: z.array(deploymentStepSchema).max(100).optional(),
    smoke: z.array(smokeCheckSchema).max(500).optional(),
    trafficSwitchedAt: isoTime.optional(),
    finishedAt: isoTime.optional(),
    reason: z.string().max(2000).optional(),
    drill: drillResultSchema.optional(),
  })
  .strict();
/** @public */
export type DeploymentUpdate = z.infer<typeof deploymentUpdateSchema>;

/**
 * A stored record, as the API answers it.
 * @public
 */
export interface DeploymentRecord {
  id: string;
  entityRef: string;
  environment: string;
  kind: DeploymentKind;
  outcome: DeploymentOutcome;
  release: Release;
  previous?: Release;
  fromColor?: Color;
  toColor?: Color;
  /** Who posted it: a user entity ref, or the deploy token's subject. */
  recordedBy: string;
  operator?: string;
  reason?: string;
  startedAt: string;
  trafficSwitchedAt?: string;
  finishedAt?: string;
  steps: DeploymentStep[];
  smoke: SmokeCheck[];
  drill?: DrillResult;
  /** Optimistic concurrency: send it back with the next update. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `GET /deployments` answer.
 * @public
 */
export interface DeploymentList {
  items: DeploymentRecord[];
  totalCount: number;
}

/**
 * DORA-style figures of one entity over a window (drills excluded). A
 * figure is null when there is nothing to compute it from.
 * @public
 */
export interface DoraFigures {
  entityRef: string;
  from: string;
  to: string;
  days: number;
  /** Deploys that took traffic in the window. */
  deployments: number;
  /** Per day, over the window. */
  deploymentFrequencyPerDay: number;
  /** Share of those deploys that were rolled back or failed after taking traffic. */
  changeFailureRate: number | null;
  /** Median time from a bad release taking traffic to healthy traffic again. */
  timeToRestoreMs: number | null;
  /** Median time from commit to the release taking traffic. */
  leadTimeMs: number | null;
}
