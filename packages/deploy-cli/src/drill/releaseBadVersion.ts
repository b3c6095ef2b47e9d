import { DrillDeployReport } from './drillDeps';
import { DrillStepContext } from './drillStep';

/**
 * Releases the bad version through the deploy path itself, with its latent
 * fault in the instance's environment only: the drill tests the real
 * deploy's detection and rollback, not a stand-in.
 */
export async function releaseBadVersion({
  options,
  deps,
  step,
}: DrillStepContext): Promise<DrillDeployReport> {
  const faultEnv = {
    SCORING_FAULTS: JSON.stringify(options.faults),
    SCORING_FAULTS_AFTER_REQUESTS: String(options.faultAfterRequests),
  };
  step(
    `releasing ${
      options.ref ? `ref ${options.ref}` : 'the working tree'
    } as the idle colour with a latent fault: SCORING_FAULTS=${
      faultEnv.SCORING_FAULTS
    } after ${options.faultAfterRequests} scoring requests`,
  );
  return deps.deploy({
    ref: options.ref,
    entityRef: options.entityRef,
    watchSeconds: options.watchSeconds,
    instanceEnv: faultEnv,
    reason: `rollback drill: fault ${faultEnv.SCORING_FAULTS} after ${options.faultAfterRequests} requests`,
  });
}
