import type { DeployContext } from '../context';
import { DeployState, InstanceRecord, writeDeployState } from './deployState';
import { writeScrapeTargets } from './scrapeTargets';

/**
 * Writes state.json and, with it, Prometheus's scrape targets: both must
 * name the same instances, or Prometheus scrapes one that is gone.
 */
export function saveState(ctx: DeployContext, state: DeployState): void {
  writeDeployState(ctx.paths.stateFile, state);
  writeScrapeTargets(
    ctx.paths.targetsFile,
    Object.values(state.instances).filter(
      (i): i is InstanceRecord => i !== undefined,
    ),
  );
}
