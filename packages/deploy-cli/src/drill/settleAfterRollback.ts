import { DrillRollback } from './awaitRollback';
import { DrillStepContext, seconds } from './drillStep';
import { SteadyLoad, StoppedLoad } from './steadyLoad';

/**
 * Keeps the load on the good release for a while after the rollback, so
 * the RPO window's end is seen, then stops the load.
 */
export async function settleAfterRollback(
  { options, sleep, step }: DrillStepContext,
  rolledBack: DrillRollback,
  steadyLoad: SteadyLoad,
): Promise<StoppedLoad> {
  const { detection, trafficBackAt, badTrafficAt } = rolledBack;
  step(
    detection.signal === 'none'
      ? `rolled back by hand ${seconds(
          trafficBackAt - badTrafficAt,
        )} after the bad release took traffic; steady load for another ${
          options.settleSeconds
        } s`
      : `rolled back: detected after ${seconds(detection.at - badTrafficAt)} (${
          detection.signal
        }); steady load for another ${options.settleSeconds} s`,
  );
  await sleep(options.settleSeconds * 1000);
  const stopped = await steadyLoad.stop();
  if (stopped.load.unanswered > 0) {
    step(
      `${stopped.load.unanswered} request(s) were sent but never answered (in flight when the load stopped, or dropped by a connection)`,
    );
  }
  return stopped;
}
