import type { Color } from '@vigil/backstage-plugin-deployments-common';
import { DeployContext, otherColor } from '../context';
import { markedSwitch } from '../haproxy/markedSwitch';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { instanceRunning } from '../instances/ownedProcess';
import { retireColor } from '../instances/retireColor';
import { acquireDeployLock } from '../state/deployLock';
import { readDeployState } from '../state/deployState';
import { CLI } from '../state/reconcileLive';

/**
 * `vigil-deploy switch --to <colour>`: settles a switch a CLI left halfway
 * (both colours taking traffic, or none). Makes `color` the only colour
 * taking traffic (ready and up in HAProxy, the other drained), then stops
 * the other colour's instance. No build, no restart, not a release: not
 * recorded in the portal. Refuses when `color` has no running instance.
 */
export async function switchTo(
  ctx: DeployContext,
  color: Color,
): Promise<{ message: string }> {
  const unlock = acquireDeployLock(ctx.paths.lockFile, 'vigil-deploy switch');
  try {
    const api = runtimeApiOf(ctx);
    const state = readDeployState(ctx.paths.stateFile);
    const instance = state.instances[color];
    if (!instance || !instanceRunning(instance)) {
      throw new Error(
        `${color} has no running instance the CLI started${
          instance ? ` (pid ${instance.pid} is gone)` : ''
        }: nothing to switch to. Start the release that was live before with: ${CLI} rollback; or start over with: ${CLI} up`,
      );
    }
    const other = otherColor(color);
    const pending = state.switching;
    ctx.log(
      `- switch: ${color} (v${instance.release.version}) ready in HAProxy, ${other} draining`,
    );
    const switched = await markedSwitch(ctx, api, state, {
      to: color,
      from: other,
      toward: 'restore',
    });
    ctx.log(
      `  traffic is on ${color} since ${switched.switchedAt.toISOString()}`,
    );
    // Settling a release's switch forward makes it a release: what was live
    // before becomes the rollback target, as a deploy's retire step does.
    const otherInstance = state.instances[other];
    if (
      otherInstance &&
      pending?.toward === 'release' &&
      pending.to === color &&
      pending.from === other
    ) {
      state.previous = otherInstance.release;
    }
    if (otherInstance) {
      ctx.log(
        `- retire: ${other} (v${otherInstance.release.version}) to maintenance, stopped`,
      );
    }
    await retireColor(ctx, state, other);
    return {
      message: `traffic is on ${color} (v${instance.release.version}) alone; ${other} is in maintenance`,
    };
  } finally {
    unlock();
  }
}
