import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { errorMessage } from '../errorMessage';
import { launchInstance } from '../instances/InstanceLauncher';
import { frontendHosts, logFileOf } from '../instances/instanceSetup';
import { saveState } from '../state/saveState';
import { DeployRun, StepFailure, checkInterrupted } from './deployRun';

/**
 * Starts the release on the idle colour, kept in maintenance so HAProxy
 * sends it nothing before the smoke tests have passed.
 */
export async function startStep(run: DeployRun): Promise<DeployEvent> {
  const { ctx, state, newColor } = run;
  ctx.log(`- start: ${newColor} on port ${ctx.ports[newColor]}`);
  try {
    await run.api.setServerState(ctx.backend, newColor, 'maint');
    const instance = await launchInstance({
      color: newColor,
      port: ctx.ports[newColor],
      release: run.release!,
      logFile: logFileOf(ctx, newColor),
      baseEnv: ctx.instanceEnv,
      extraEnv: run.options.extraEnv,
      proxyHosts: frontendHosts(ctx),
      // Recorded before it is ready: a CLI stopped now leaves it findable.
      onSpawned: spawned => {
        state.instances[newColor] = spawned;
        saveState(ctx, state);
      },
      signal: run.options.signal,
    });
    state.instances[newColor] = instance;
    saveState(ctx, state);
    ctx.log(
      `  ${newColor} ready (pid ${instance.pid}, log ${instance.logFile})`,
    );
  } catch (error) {
    throw new StepFailure({
      type: 'start_failed',
      reason: errorMessage(error),
    });
  }
  checkInterrupted(run, 'start_failed');
  return { type: 'started' };
}
