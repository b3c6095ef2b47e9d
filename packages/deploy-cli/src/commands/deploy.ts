import path from 'node:path';
import {
  Color,
  DeploymentKind,
  deployOutcome,
  describeDeployFailure,
  initialDeployState,
} from '@vigil/backstage-plugin-deployments-common';
import { DeployContext, otherColor } from '../context';
import {
  DeployOptions,
  DeployResult,
  DeployRun,
  sidesOf,
} from '../deployFlow/deployRun';
import { driveDeploy } from '../deployFlow/driveDeploy';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { retireColor } from '../instances/retireColor';
import { acquireDeployLock } from '../state/deployLock';
import { readDeployState } from '../state/deployState';
import { reconcileLive } from '../state/reconcileLive';
import { readAvailabilitySlo } from '../watch/fastBurn';

export type { DeployOptions, DeployResult } from '../deployFlow/deployRun';

/**
 * A blue-green release: build, start as the idle colour, smoke test it
 * directly, switch traffic with draining, watch, then stop the old colour,
 * or roll back on its own when the watch fails. Takes the deploy lock.
 */
export async function deploy(
  ctx: DeployContext,
  options: DeployOptions,
): Promise<DeployResult> {
  const kind = options.kind ?? 'deploy';
  const unlock = acquireDeployLock(ctx.paths.lockFile, `vigil-deploy ${kind}`);
  try {
    return await deployLocked(ctx, options, kind);
  } finally {
    unlock();
  }
}

/** A deploy under a lock the caller holds (a rollback takes it first). */
export async function deployLocked(
  ctx: DeployContext,
  options: DeployOptions,
  kind: DeploymentKind,
): Promise<DeployResult> {
  const run = await beginRun(ctx, options, kind);
  await driveDeploy(run);
  return finishRun(run);
}

/**
 * Settles what is live and which colour the release goes to. HAProxy must
 * answer before anything starts (a deploy that cannot move traffic is not
 * started), and its view of what is live wins.
 */
async function beginRun(
  ctx: DeployContext,
  options: DeployOptions,
  kind: DeploymentKind,
): Promise<DeployRun> {
  const api = runtimeApiOf(ctx);
  const state = readDeployState(ctx.paths.stateFile);
  const oldColor = await reconcileLive(
    ctx,
    api,
    state,
    kind === 'rollback' ? 'roll back' : kind,
  );
  const oldInstance = oldColor ? state.instances[oldColor] : undefined;
  const newColor: Color = oldColor ? otherColor(oldColor) : 'blue';
  const run: DeployRun = {
    ctx,
    options,
    kind,
    api,
    state,
    oldColor,
    oldInstance,
    newColor,
    startedAt: new Date(),
    slo: readAvailabilitySlo(
      path.join(ctx.paths.root, 'packages', 'scoring-api', 'slo.yaml'),
    ),
    machine: initialDeployState,
    release: options.release,
    smoke: [],
  };
  ctx.log(
    `vigil-deploy ${kind}: ${
      oldColor
        ? `${oldColor} (v${
            oldInstance!.release.version
          }) is live; the new release goes to ${newColor}`
        : `nothing is live; the release goes to ${newColor}`
    }`,
  );
  // A leftover instance on the idle colour (an interrupted deploy) goes first.
  if (state.instances[newColor]) {
    ctx.log(`  stopping a leftover ${newColor} instance`);
    await retireColor(ctx, state, newColor);
  }
  return run;
}

/** Closes the record with the machine's outcome and sums the run up. */
async function finishRun(run: DeployRun): Promise<DeployResult> {
  const { machine, release, recorder } = run;
  const outcome = deployOutcome(machine);
  const message =
    describeDeployFailure(machine, sidesOf(run)) ??
    `v${release?.version} is live on ${run.newColor}`;
  if (recorder) {
    await recorder.finish(
      outcome,
      outcome === 'succeeded' ? undefined : message,
    );
    await recorder.flush();
  } else {
    // The build failed before a record could name a release: keep a note.
    run.ctx.log('  (no record: nothing was built)');
  }
  return {
    outcome,
    machine,
    release,
    previous: run.oldInstance?.release,
    fromColor: run.oldColor,
    toColor: run.newColor,
    message,
    smoke: run.smoke,
    trafficSwitchedAt: run.trafficSwitchedAt,
    watch: run.watch,
    restoredAt: run.restoredAt,
    rollbackSwitch: run.rollbackSwitch,
    recorder,
  };
}
