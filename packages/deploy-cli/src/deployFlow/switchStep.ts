import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { errorMessage } from '../errorMessage';
import { markedSwitch } from '../haproxy/markedSwitch';
import { whereIsTraffic } from '../haproxy/whereIsTraffic';
import { DeployRun, StepFailure } from './deployRun';

/**
 * Moves traffic to the new colour; the old one drains and stays warm, so
 * the watch can hand traffic straight back to it.
 */
export async function switchStep(run: DeployRun): Promise<DeployEvent> {
  const { ctx, api, newColor, oldColor } = run;
  ctx.log(
    `- switch: ${newColor} ready in HAProxy${
      oldColor ? `, ${oldColor} draining` : ''
    }`,
  );
  try {
    const switched = await markedSwitch(ctx, api, run.state, {
      to: newColor,
      from: oldColor,
      toward: run.kind === 'rollback' ? 'restore' : 'release',
    });
    run.trafficSwitchedAt = switched.switchedAt;
    await run.recorder!.trafficSwitched(run.trafficSwitchedAt);
    let drain = '';
    if (oldColor) {
      drain = switched.drained
        ? ` (${oldColor} drained in ${switched.drainMs} ms, kept warm)`
        : ` (${oldColor} still had open connections after ${switched.drainMs} ms; kept warm)`;
    }
    ctx.log(`  traffic is on ${newColor}${drain}`);
  } catch (error) {
    // The machine decides from where traffic ended up whether to roll back.
    throw new StepFailure({
      type: 'switch_failed',
      reason: errorMessage(error),
      trafficOn: await whereIsTraffic(api, ctx.backend, newColor, oldColor),
    });
  }
  return { type: 'switched' };
}
