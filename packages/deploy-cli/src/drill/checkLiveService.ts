import { DrillStepContext } from './drillStep';

/**
 * Whether the live service answers through HAProxy. The drill changes
 * nothing unless it does: a drill against a dead service measures nothing.
 */
export async function checkLiveService({
  deps,
  step,
}: DrillStepContext): Promise<boolean> {
  step(`checking the live service through HAProxy at ${deps.frontendUrl}`);
  const ready = await fetch(`${deps.frontendUrl}/readyz`, {
    signal: AbortSignal.timeout(5000),
  }).catch((error: Error) => error);
  if (ready instanceof Error || !ready.ok) {
    step(
      `nothing healthy answers at ${deps.frontendUrl}/readyz (${
        ready instanceof Error ? ready.message : `status ${ready.status}`
      }); start the platform (./vigil start) first. Nothing was changed.`,
    );
    return false;
  }
  return true;
}
