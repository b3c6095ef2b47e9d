import { DrillStepContext } from './drillStep';
import { FeatureWrite, startFeatureWrites } from './featureWrites';
import { LoadSummary, RunningLoad, startScoringLoad } from './load';

export interface StoppedLoad {
  load: LoadSummary;
  writes: FeatureWrite[];
}

export interface SteadyLoad {
  load: RunningLoad;
  /**
   * Stops the scoring load and the feature writes; safe to call again (it
   * answers the first stop's result), so the drill's `finally` can always
   * call it without double-stopping a step that already did.
   */
  stop(): Promise<StoppedLoad>;
}

/** Starts the steady scoring load and feature writes through the proxy. */
export function startSteadyLoad(
  { options, deps, step }: DrillStepContext,
  runId: string,
): SteadyLoad {
  step(
    `steady load: ${options.rate} scoring requests/s over ${options.connections} connections, ${options.writesPerSecond} feature writes/s`,
  );
  const load = startScoringLoad({
    url: deps.frontendUrl,
    rate: options.rate,
    connections: options.connections,
  });
  const writes = startFeatureWrites({
    url: deps.frontendUrl,
    adminToken: deps.adminToken,
    runId,
    perSecond: options.writesPerSecond,
  });
  let stopped: StoppedLoad | undefined;
  return {
    load,
    async stop() {
      if (!stopped) {
        stopped = { load: await load.stop(), writes: await writes.stop() };
      }
      return stopped;
    },
  };
}

/**
 * Lets the load run steadily before the bad release, so the measurement has
 * a baseline; failures already here are reported because they will count
 * in the RPO window.
 */
export async function settleBeforeRelease(
  { options, sleep, step }: DrillStepContext,
  { load }: SteadyLoad,
): Promise<void> {
  await sleep(options.settleSeconds * 1000);
  const before = load.outcomes.filter(o => !o.ok).length;
  if (before > 0) {
    step(
      `warning: ${before} of ${load.outcomes.length} requests failed before the bad release; they count in the RPO window`,
    );
  }
}
