import { awaitRollback } from './awaitRollback';
import { checkLiveService } from './checkLiveService';
import { DrillDeps, DrillRun } from './drillDeps';
import { DrillStepContext } from './drillStep';
import { measureDrillRun } from './measureDrillRun';
import { DrillOptions } from './options';
import { drillVerdict, publishDrill } from './publishDrill';
import { readBackWrites } from './readBackWrites';
import { releaseBadVersion } from './releaseBadVersion';
import { settleAfterRollback } from './settleAfterRollback';
import { settleBeforeRelease, startSteadyLoad } from './steadyLoad';

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Runs a rollback drill: steady load and feature writes through the proxy,
 * a release carrying a latent fault, the deploy's own detection and
 * automatic rollback, then the read-back, the measurement, the evidence.
 * Each step is its own function (this folder); this one only orders them.
 */
export async function runDrill(
  options: DrillOptions,
  deps: DrillDeps,
): Promise<DrillRun> {
  const ctx: DrillStepContext = {
    options,
    deps,
    now: deps.now ?? Date.now,
    sleep: deps.sleep ?? defaultSleep,
    step: line => deps.log(`drill: ${line}`),
  };
  const startedAt = ctx.now();
  const runId = startedAt.toString(36);

  if (!(await checkLiveService(ctx))) return { exitCode: 1 };

  const steadyLoad = startSteadyLoad(ctx, runId);
  try {
    await settleBeforeRelease(ctx, steadyLoad);
    const report = await releaseBadVersion(ctx);
    const rolledBack = await awaitRollback(ctx, report, steadyLoad);
    if (!rolledBack) return { exitCode: 1 };

    const stopped = await settleAfterRollback(ctx, rolledBack, steadyLoad);
    const { acknowledged, readBack } = await readBackWrites(
      ctx,
      stopped.writes,
    );
    const file = measureDrillRun(ctx, startedAt, {
      report,
      rolledBack,
      load: stopped.load,
      acknowledged,
      readBack,
    });
    if (!file) return { exitCode: 1 };

    const evidence = await publishDrill(ctx, file, report.recordId);
    ctx.step(drillVerdict(file, rolledBack.manualSummary ?? report.summary));
    return { exitCode: file.passed ? 0 : 1, file, evidence };
  } finally {
    // On any error the load must not keep hammering the service.
    await steadyLoad.stop().catch(() => undefined);
  }
}
