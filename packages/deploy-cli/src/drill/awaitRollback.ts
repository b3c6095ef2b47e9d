import {
  DrillTimeline,
  Release,
} from '@vigil/backstage-plugin-deployments-common';
import { DrillDeployReport } from './drillDeps';
import { DrillStepContext } from './drillStep';
import { SteadyLoad } from './steadyLoad';

/** The timeline of a drill whose bad release took traffic and came back off it. */
export interface DrillRollback {
  badTrafficAt: number;
  detection: NonNullable<DrillTimeline['detection']>;
  trafficBackAt: number;
  goodRelease: Release;
  /** The rollback by hand's summary, when nothing detected the fault. */
  manualSummary?: string;
}

/**
 * Reads detection and rollback off the bad release's deploy. When nothing
 * detected the fault it rolls back by hand and still returns a timeline
 * (signal `none`): launch gates need failed drills too. Undefined (load
 * stopped, reason logged) when there is no timeline to measure.
 */
export async function awaitRollback(
  { options, deps, now, step }: DrillStepContext,
  report: DrillDeployReport,
  steadyLoad: SteadyLoad,
): Promise<DrillRollback | undefined> {
  let detection: DrillTimeline['detection'] = report.watchFailure;
  let trafficBackAt = report.rolledBackAt;
  let manualSummary: string | undefined;
  if (
    report.outcome === 'succeeded' &&
    report.trafficSwitchedAt !== undefined &&
    report.previous
  ) {
    // Nothing noticed: the drill gives up now, rolls back by hand and
    // still measures and records the (failed) drill: launch gates need
    // failed drills too.
    const gaveUpAt = now();
    step(
      `nothing detected the fault within the ${options.watchSeconds} s watch window; rolling back by hand`,
    );
    const manual = await deps.rollback(
      'rollback drill: the watch window did not detect the faulty release',
    );
    manualSummary = manual.summary;
    if (manual.trafficBackAt === undefined) {
      await steadyLoad.stop();
      step(
        `FAILED: nothing detected the fault, and the rollback by hand did not bring traffic back (${manual.summary}); no RTO to measure, no evidence written`,
      );
      return undefined;
    }
    detection = {
      at: gaveUpAt,
      signal: 'none',
      detail: `nothing detected the fault within the ${options.watchSeconds} s watch window (smoke checks and the fast-burn condition passed); the drill rolled back by hand: ${manual.summary}`,
    };
    trafficBackAt = manual.trafficBackAt;
  }
  if (
    report.outcome === 'failed' ||
    report.trafficSwitchedAt === undefined ||
    !detection ||
    trafficBackAt === undefined ||
    !report.previous
  ) {
    await steadyLoad.stop();
    step(
      `FAILED: the drill's release did not run its course (${report.summary}); no evidence written`,
    );
    return undefined;
  }
  return {
    badTrafficAt: report.trafficSwitchedAt,
    detection,
    trafficBackAt,
    goodRelease: report.previous,
    manualSummary,
  };
}
