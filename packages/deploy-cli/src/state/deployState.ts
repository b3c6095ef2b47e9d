import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { colorSchema } from '@vigil/backstage-plugin-deployments-common';

/** A built release on disk (release.json beside its bundle). */
export const builtReleaseSchema = z.object({
  version: z.string(),
  commit: z.string(),
  commitTime: z.string().optional(),
  ref: z.string().optional(),
  dirty: z.boolean(),
  /** sha256 of the bundle. */
  sha256: z.string(),
  builtAt: z.string(),
  /** Absolute path of the bundled scoring API (one node file). */
  bundle: z.string(),
});
export type BuiltRelease = z.infer<typeof builtReleaseSchema>;

/** A scoring API instance the CLI started. */
export const instanceSchema = z.object({
  color: colorSchema,
  pid: z.number().int(),
  port: z.number().int(),
  release: builtReleaseSchema,
  startedAt: z.string(),
  logFile: z.string(),
});
export type InstanceRecord = z.infer<typeof instanceSchema>;

/**
 * .data/deploy/state.json: which colour takes traffic, the instances the CLI
 * started, and the release live before the current one (what `rollback`
 * goes back to once the old colour has been stopped).
 */
export const deployStateSchema = z.object({
  live: colorSchema.optional(),
  instances: z.object({
    blue: instanceSchema.optional(),
    green: instanceSchema.optional(),
  }),
  previous: builtReleaseSchema.optional(),
  /**
   * A traffic switch begun and not yet finished: written before the CLI
   * touches HAProxy, cleared once the switch is through. Still present
   * after a CLI killed mid-switch; reconciling reads it to say which side
   * was the safe one (PendingSwitch in deployments-common).
   */
  switching: z
    .object({
      from: colorSchema.optional(),
      to: colorSchema,
      toward: z.enum(['release', 'restore']),
      pid: z.number().int().optional(),
      startedAt: z.string().optional(),
    })
    .optional(),
  updatedAt: z.string().optional(),
});
export type DeployState = z.infer<typeof deployStateSchema>;

export const EMPTY_STATE: DeployState = Object.freeze({ instances: {} });

export class DeployStateError extends Error {}

// The state file's path comes from the CLI's own data directory.
/* eslint-disable security/detect-non-literal-fs-filename */

export function readDeployState(file: string): DeployState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { instances: {} };
    }
    throw error;
  }
  const parsed = deployStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new DeployStateError(
      `${file} is not a deploy state (${parsed.error.issues[0]?.message}); move it away and run 'vigil-deploy up'`,
    );
  }
  return parsed.data;
}

/** Writes atomically (temp file, rename): a crash never leaves half a file. */
export function writeDeployState(file: string, state: DeployState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(
    temp,
    `${JSON.stringify(
      { ...state, updatedAt: new Date().toISOString() },
      null,
      2,
    )}\n`,
  );
  fs.renameSync(temp, file);
}
