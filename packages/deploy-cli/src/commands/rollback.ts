import fs from 'node:fs';
import { DeployContext, otherColor } from '../context';
import type { DeployResult } from '../deployFlow/deployRun';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { instanceRunning } from '../instances/ownedProcess';
import { acquireDeployLock } from '../state/deployLock';
import { readDeployState } from '../state/deployState';
import { reconcileLive } from '../state/reconcileLive';
import { deployLocked } from './deploy';

export interface RollbackOptions {
  reason?: string;
  watchSeconds?: number;
  signal?: AbortSignal;
}

const NOTHING_TO_ROLL_BACK_TO =
  "nothing to roll back to: no earlier release is known (state.json has no 'previous'); deploy a ref instead: vigil-deploy deploy --ref <git ref>";

/**
 * Switches back by hand to the release that was live before: the other
 * colour if it still runs (a deploy interrupted in its watch window), else
 * the previous release started again on the idle colour and smoke tested
 * first. Recorded as a `rollback`. What is live is HAProxy's word, not
 * state.json's (reconciled first, under the lock).
 */
export async function rollback(
  ctx: DeployContext,
  options: RollbackOptions = {},
): Promise<DeployResult> {
  const unlock = acquireDeployLock(ctx.paths.lockFile, 'vigil-deploy rollback');
  try {
    return await rollbackLocked(ctx, options);
  } finally {
    unlock();
  }
}

async function rollbackLocked(
  ctx: DeployContext,
  options: RollbackOptions,
): Promise<DeployResult> {
  const state = readDeployState(ctx.paths.stateFile);
  if (!state.previous && !state.instances.blue && !state.instances.green) {
    throw new Error(NOTHING_TO_ROLL_BACK_TO);
  }
  const live = await reconcileLive(ctx, runtimeApiOf(ctx), state, 'roll back');
  const warm = live ? state.instances[otherColor(live)] : undefined;
  const target = warm && instanceRunning(warm) ? warm.release : state.previous;
  if (!target) {
    throw new Error(NOTHING_TO_ROLL_BACK_TO);
  }
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  if (!fs.existsSync(target.bundle)) {
    throw new Error(
      `v${target.version} is no longer built (${target.bundle} is gone); deploy its commit instead: vigil-deploy deploy --ref ${target.commit}`,
    );
  }
  if (warm && instanceRunning(warm)) {
    // The previous release still runs: a fresh start of it is not needed,
    // but the deploy path restarts it on the same colour; cheap and uniform.
    ctx.log(`  ${warm.color} still runs v${warm.release.version}`);
  }
  return deployLocked(
    ctx,
    {
      release: target,
      watchSeconds: options.watchSeconds ?? 0,
      reason: options.reason ?? 'rollback by hand',
      signal: options.signal,
    },
    'rollback',
  );
}
