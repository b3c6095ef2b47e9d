import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { errorMessage } from '../errorMessage';
import { markedSwitch } from '../haproxy/markedSwitch';
import { instanceRunning } from '../instances/ownedProcess';
import { retireColor } from '../instances/retireColor';
import type { DeployRun } from './deployRun';

/**
 * The automatic rollback after a failed watch (or a half-done switch):
 * traffic back to the warm old colour, then the new colour stopped. Never
 * throws: whatever goes wrong is the machine's `rollback_failed`.
 */
export async function rollbackStep(run: DeployRun): Promise<DeployEvent> {
  const { ctx, oldColor, oldInstance, newColor } = run;
  ctx.log(
    `- rollback: ${
      oldColor ? `${oldColor} ready again, ` : ''
    }${newColor} draining`,
  );
  try {
    if (!oldColor || !oldInstance || !instanceRunning(oldInstance)) {
      throw new Error(
        oldColor
          ? `${oldColor} is no longer running`
          : 'there was no live colour before this deploy',
      );
    }
    const switched = await markedSwitch(ctx, run.api, run.state, {
      to: oldColor,
      from: newColor,
      toward: 'restore',
    });
    run.rollbackSwitch = switched;
    // Healthy traffic again once the old colour takes it all, not once
    // the bad one has drained: that is the RTO's end.
    run.restoredAt = switched.switchedAt;
    ctx.log(
      `  traffic is back on ${oldColor} since ${run.restoredAt.toISOString()}${
        switched.drained
          ? ` (${newColor} drained in ${switched.drainMs} ms)`
          : ` (${newColor} still had open connections after ${switched.drainMs} ms)`
      }`,
    );
    await retireColor(ctx, run.state, newColor);
    return { type: 'rolled_back' };
  } catch (rollbackError) {
    return { type: 'rollback_failed', reason: errorMessage(rollbackError) };
  }
}
