import type { DeployContext } from '../context';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { stopRecordedInstance } from '../instances/ownedProcess';
import { deployLockHolder } from '../state/deployLock';
import { readDeployState } from '../state/deployState';
import { saveState } from '../state/saveState';

export interface DownOptions {
  waitForUpMs?: number;
}

/**
 * Stops every instance the CLI started (./vigil start's shutdown). Works
 * when HAProxy is already gone; does not wait for a running deploy's lock.
 * A `vigil-deploy up` still at work (./vigil start stopped while bringing
 * the service up) is interrupted first and given a moment to stop what it
 * started, so it cannot start blue after `down` has looked.
 */
export async function down(
  ctx: DeployContext,
  options: DownOptions = {},
): Promise<number> {
  await interruptUp(ctx, options.waitForUpMs ?? 15_000);
  const state = readDeployState(ctx.paths.stateFile);
  let stopped = 0;
  for (const color of ['blue', 'green'] as const) {
    const instance = state.instances[color];
    if (!instance) continue;
    try {
      await runtimeApiOf(ctx).setServerState(ctx.backend, color, 'maint');
    } catch {
      // HAProxy may already be stopping
    }
    if (await stopRecordedInstance(instance)) stopped += 1;
    delete state.instances[color];
  }
  state.live = undefined;
  saveState(ctx, state);
  return stopped;
}

/** Sends a running `vigil-deploy up` Ctrl-C and waits for its lock to go. */
async function interruptUp(ctx: DeployContext, waitMs: number) {
  const holder = deployLockHolder(ctx.paths.lockFile);
  if (
    !holder ||
    holder.pid === process.pid ||
    holder.command !== 'vigil-deploy up'
  ) {
    return;
  }
  ctx.log(`- down: interrupting vigil-deploy up (pid ${holder.pid})`);
  try {
    process.kill(holder.pid, 'SIGINT');
  } catch {
    // gone meanwhile
  }
  const deadline = Date.now() + waitMs;
  while (deployLockHolder(ctx.paths.lockFile) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
}
