import path from 'node:path';
import { DrillFile } from '@vigil/backstage-plugin-deployments-common';
import { DrillStepContext, seconds } from './drillStep';
import { DrillEvidencePaths, writeDrillEvidence } from './evidence';

/**
 * Writes the evidence files, then adds the drill to its record. The files
 * come first and a record that cannot be updated does not fail the drill:
 * the evidence is complete without it.
 */
export async function publishDrill(
  { options, deps, step }: DrillStepContext,
  file: DrillFile,
  recordId: string | undefined,
): Promise<DrillEvidencePaths> {
  const dir = path.resolve(deps.root, options.outDir);
  const evidence = writeDrillEvidence(dir, file);
  step(
    `evidence: ${path.relative(deps.root, evidence.json)} and ${path.relative(
      deps.root,
      evidence.markdown,
    )}`,
  );
  try {
    step(`record: ${await deps.recordDrill(recordId, file)}`);
  } catch (error) {
    step(
      `the drill's record could not be updated (${
        (error as Error).message
      }); the evidence files are complete`,
    );
  }
  return evidence;
}

/** The drill's last line: passed or failed, and every figure against its target. */
export function drillVerdict(file: DrillFile, summary: string): string {
  return `${file.passed ? 'PASSED' : 'FAILED'}: ${
    file.detection.signal === 'none'
      ? `no detection (gave up after ${seconds(
          file.detection.detectionMs,
        )}, rolled back by hand)`
      : `detection ${seconds(file.detection.detectionMs)} (${
          file.detection.signal
        })`
  }, RTO ${seconds(file.rto.rtoMs)} (target ${seconds(
    file.rto.targetMs,
  )}), RPO window ${seconds(file.rpo.windowMs)} (target ${seconds(
    file.rpo.targetMs,
  )}), ${file.rpo.failedRequests} of ${
    file.rpo.totalRequests
  } requests failed, ${file.rpo.featureWrites.lost} of ${
    file.rpo.featureWrites.acknowledged
  } feature writes lost; ${summary}`;
}
