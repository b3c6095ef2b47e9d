import {
  DrillFile,
  drillFileId,
  measureDrill,
} from '@vigil/backstage-plugin-deployments-common';
import { DrillRollback } from './awaitRollback';
import { DrillDeployReport } from './drillDeps';
import { DrillStepContext } from './drillStep';
import { FeatureWrite, ReadBack } from './featureWrites';
import { LoadSummary } from './load';

/** What the drill saw, from the release to the read-back. */
export interface DrillObservations {
  report: DrillDeployReport;
  rolledBack: DrillRollback;
  load: LoadSummary;
  acknowledged: FeatureWrite[];
  readBack: ReadBack;
}

/**
 * Measures detection, RTO and RPO against the targets and makes the drill
 * file; undefined (reason logged) when the timeline cannot be measured.
 */
export function measureDrillRun(
  { options, deps, now, step }: DrillStepContext,
  startedAt: number,
  { report, rolledBack, load, acknowledged, readBack }: DrillObservations,
): DrillFile | undefined {
  const measurement = measureDrill({
    badRelease: report.release,
    fault: {
      faults: options.faults,
      afterRequests: options.faultAfterRequests,
    },
    goodRelease: rolledBack.goodRelease,
    load: {
      rate: options.rate,
      connections: options.connections,
      durationMs: load.stoppedAt - load.startedAt,
    },
    badTrafficAt: rolledBack.badTrafficAt,
    detection: rolledBack.detection,
    trafficBackAt: rolledBack.trafficBackAt,
    requests: load.outcomes,
    featureWrites: {
      acknowledged: acknowledged.map(w => w.id),
      foundAfterwards: readBack.found,
    },
    targets: {
      rtoMs: options.rtoTargetMs,
      rpoWindowMs: options.rpoWindowTargetMs,
      maxLostWrites: 0,
    },
  });
  if (!measurement.complete) {
    step(`FAILED: ${measurement.problem}; no evidence written`);
    return undefined;
  }
  return {
    ...measurement.result,
    id: drillFileId(startedAt, options.entityRef),
    entityRef: options.entityRef,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(now()).toISOString(),
    ...(report.recordId ? { deploymentId: report.recordId } : {}),
    ...(deps.operator ? { operator: deps.operator } : {}),
  };
}
