import { errorMessage } from '../errorMessage';
import { retireColor } from '../instances/retireColor';
import type { DeployRun } from './deployRun';

/**
 * After a successful deploy: stops the old colour and keeps its release as
 * the rollback target. Not a phase of the state machine (the release is
 * live whatever happens here), but recorded as a step of its own.
 */
export async function retireStep(run: DeployRun): Promise<void> {
  const { ctx, state, oldColor, oldInstance } = run;
  if (!oldColor || !oldInstance) return;
  const recorder = run.recorder!;
  ctx.log(`- retire: ${oldColor} to maintenance, stopped`);
  await recorder.stepStarted('retire');
  // A failure to stop the old colour is reported, not turned into a failed
  // deploy.
  try {
    state.previous = oldInstance.release;
    await retireColor(ctx, state, oldColor);
    await recorder.stepFinished(
      'retire',
      'succeeded',
      `${oldColor} (v${oldInstance.release.version}) stopped; it is the rollback target`,
    );
  } catch (retireError) {
    ctx.log(
      `  could not retire ${oldColor}: ${errorMessage(retireError)}; stop pid ${
        oldInstance.pid
      } by hand`,
    );
    await recorder.stepFinished('retire', 'failed', errorMessage(retireError));
  }
}
