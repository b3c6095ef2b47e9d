import {
  DeployEvent,
  DeployPhase,
  describeTraffic,
  isTerminalPhase,
} from '@vigil/backstage-plugin-deployments-common';
import { errorMessage } from '../errorMessage';
import { whereIsTraffic } from '../haproxy/whereIsTraffic';
import { retireColor } from '../instances/retireColor';
import { buildStep } from './buildStep';
import { DeployRun, StepFailure, fire, sidesOf } from './deployRun';
import { retireStep } from './retireStep';
import { rollbackStep } from './rollbackStep';
import { smokeStep } from './smokeStep';
import { startStep } from './startStep';
import { switchStep } from './switchStep';
import { watchStep } from './watchStep';

/**
 * The step run in each working phase. A step resolves with its success
 * event or throws a StepFailure with its failure event; the state machine
 * alone decides what comes next (the next step, a rollback, or the end).
 */
const STEPS: Partial<
  Record<DeployPhase, (run: DeployRun) => Promise<DeployEvent>>
> = {
  idle: async () => ({ type: 'start' }),
  building: buildStep,
  starting: startStep,
  smoke_testing: smokeStep,
  switching: switchStep,
  watching: watchStep,
  rolling_back: rollbackStep,
};

/**
 * Runs the deploy's steps until the machine reaches a terminal phase, then
 * tidies up after it: the old colour retired after a success, the new one
 * stopped when a failure left traffic where it was.
 */
export async function driveDeploy(run: DeployRun): Promise<void> {
  await withTrafficOnError(run, async () => {
    while (!isTerminalPhase(run.machine.phase)) {
      await fire(run, await runStep(run));
    }
    if (run.machine.phase === 'succeeded') await retireStep(run);
  });
  if (
    run.machine.phase === 'failed' &&
    run.machine.trafficOn === 'old' &&
    run.state.instances[run.newColor]
  ) {
    // Nothing reached the new colour: it goes away again.
    await retireColor(run.ctx, run.state, run.newColor);
  }
}

async function runStep(run: DeployRun): Promise<DeployEvent> {
  const step = STEPS[run.machine.phase]!;
  try {
    return await step(run);
  } catch (error) {
    if (error instanceof StepFailure) return error.event;
    throw error;
  }
}

/**
 * A bug or an unexpected failure (not a step's failure): rethrown with
 * where traffic is, as best HAProxy can say, so the operator knows what
 * users see.
 */
async function withTrafficOnError(
  run: DeployRun,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const where = await whereIsTraffic(
      run.api,
      run.ctx.backend,
      run.newColor,
      run.oldColor,
    );
    throw new Error(
      `${errorMessage(error)} (during ${run.machine.phase}; ${describeTraffic(
        { ...run.machine, trafficOn: where },
        sidesOf(run),
      )})`,
    );
  }
}
