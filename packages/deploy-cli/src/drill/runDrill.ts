import path from 'node:path';
import {
  DrillFile,
  DrillTimeline,
  drillFileId,
  measureDrill,
} from '@vigil/backstage-plugin-deployments-common';
import { writeDrillEvidence } from './evidence';
import {
  FeatureWrite,
  readBackFeatures,
  startFeatureWrites,
} from './featureWrites';
import { LoadSummary, startScoringLoad } from './load';
import { DrillDeps, DrillRun } from './drillDeps';
import { DrillOptions } from './options';

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs a rollback drill: steady load and feature writes through the proxy,
 * a release carrying a latent fault, the deploy's own detection and
 * automatic rollback, then the read-back, the measurement, the evidence.
 */
export async function runDrill(
  options: DrillOptions,
  deps: DrillDeps,
): Promise<DrillRun> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const step = (line: string) => deps.log(`drill: ${line}`);
  const startedAt = now();
  const runId = startedAt.toString(36);

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
    return { exitCode: 1 };
  }

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
  let stopped: { load: LoadSummary; writes: FeatureWrite[] } | undefined;
  const stopLoad = async () => {
    if (!stopped) {
      stopped = { load: await load.stop(), writes: await writes.stop() };
    }
    return stopped;
  };

  try {
    await sleep(options.settleSeconds * 1000);
    const before = load.outcomes.filter(o => !o.ok).length;
    if (before > 0) {
      step(
        `warning: ${before} of ${load.outcomes.length} requests failed before the bad release; they count in the RPO window`,
      );
    }

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
    const report = await deps.deploy({
      ref: options.ref,
      entityRef: options.entityRef,
      watchSeconds: options.watchSeconds,
      instanceEnv: faultEnv,
      reason: `rollback drill: fault ${faultEnv.SCORING_FAULTS} after ${options.faultAfterRequests} requests`,
    });

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
        await stopLoad();
        step(
          `FAILED: nothing detected the fault, and the rollback by hand did not bring traffic back (${manual.summary}); no RTO to measure, no evidence written`,
        );
        return { exitCode: 1 };
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
      await stopLoad();
      step(
        `FAILED: the drill's release did not run its course (${report.summary}); no evidence written`,
      );
      return { exitCode: 1 };
    }

    step(
      detection.signal === 'none'
        ? `rolled back by hand ${seconds(
            trafficBackAt - report.trafficSwitchedAt,
          )} after the bad release took traffic; steady load for another ${
            options.settleSeconds
          } s`
        : `rolled back: detected after ${seconds(
            detection.at - report.trafficSwitchedAt,
          )} (${detection.signal}); steady load for another ${
            options.settleSeconds
          } s`,
    );
    await sleep(options.settleSeconds * 1000);
    const { load: summary, writes: written } = await stopLoad();
    if (summary.unanswered > 0) {
      step(
        `${summary.unanswered} request(s) were sent but never answered (in flight when the load stopped, or dropped by a connection)`,
      );
    }

    const acknowledged = written.filter(w => w.acknowledged);
    step(
      `reading back ${acknowledged.length} acknowledged feature writes (of ${written.length}) through HAProxy`,
    );
    const readBack = await readBackFeatures(deps.frontendUrl, written);
    for (const { id, why } of readBack.missing.slice(0, 5)) {
      step(`lost write ${id}: ${why}`);
    }

    const measurement = measureDrill({
      badRelease: report.release,
      fault: {
        faults: options.faults,
        afterRequests: options.faultAfterRequests,
      },
      goodRelease: report.previous,
      load: {
        rate: options.rate,
        connections: options.connections,
        durationMs: summary.stoppedAt - summary.startedAt,
      },
      badTrafficAt: report.trafficSwitchedAt,
      detection,
      trafficBackAt,
      requests: summary.outcomes,
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
      return { exitCode: 1 };
    }
    const { result } = measurement;
    const file: DrillFile = {
      ...result,
      id: drillFileId(startedAt, options.entityRef),
      entityRef: options.entityRef,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(now()).toISOString(),
      ...(report.recordId ? { deploymentId: report.recordId } : {}),
      ...(deps.operator ? { operator: deps.operator } : {}),
    };

    const dir = path.resolve(deps.root, options.outDir);
    const evidence = writeDrillEvidence(dir, file);
    step(
      `evidence: ${path.relative(deps.root, evidence.json)} and ${path.relative(
        deps.root,
        evidence.markdown,
      )}`,
    );
    try {
      step(`record: ${await deps.recordDrill(report.recordId, file)}`);
    } catch (error) {
      step(
        `the drill's record could not be updated (${
          (error as Error).message
        }); the evidence files are complete`,
      );
    }

    step(
      `${file.passed ? 'PASSED' : 'FAILED'}: ${
        result.detection.signal === 'none'
          ? `no detection (gave up after ${seconds(
              result.detection.detectionMs,
            )}, rolled back by hand)`
          : `detection ${seconds(result.detection.detectionMs)} (${
              result.detection.signal
            })`
      }, RTO ${seconds(result.rto.rtoMs)} (target ${seconds(
        result.rto.targetMs,
      )}), RPO window ${seconds(result.rpo.windowMs)} (target ${seconds(
        result.rpo.targetMs,
      )}), ${result.rpo.failedRequests} of ${
        result.rpo.totalRequests
      } requests failed, ${result.rpo.featureWrites.lost} of ${
        result.rpo.featureWrites.acknowledged
      } feature writes lost; ${manualSummary ?? report.summary}`,
    );
    return { exitCode: file.passed ? 0 : 1, file, evidence };
  } finally {
    // On any error the load must not keep hammering the service.
    await stopLoad().catch(() => undefined);
  }
}
