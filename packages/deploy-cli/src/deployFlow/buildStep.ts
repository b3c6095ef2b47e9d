import path from 'node:path';
import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { errorMessage } from '../errorMessage';
import { DeploymentRecorder } from '../records/DeploymentRecorder';
import { buildRelease, releaseForRecord } from '../release/buildRelease';
import type { BuiltRelease } from '../state/deployState';
import { DeployRun, StepFailure, checkInterrupted } from './deployRun';

/**
 * Builds the release (none to build for a rollback to a built one), then
 * opens the deployment record: a record names its release, so it can only
 * exist once there is one.
 */
export async function buildStep(run: DeployRun): Promise<DeployEvent> {
  const buildStarted = Date.now();
  const release = run.release ?? (await build(run, buildStarted));
  if (run.release) {
    run.ctx.log(
      `- build: none, v${release.version} is built (${path.dirname(
        release.bundle,
      )})`,
    );
  }
  run.release = release;
  run.recorder = openRecorder(run, release);
  await run.recorder.open();
  // Recorded from when the build began, not from when the record opened.
  await run.recorder.stepStarted('build', { at: new Date(buildStarted) });
  checkInterrupted(run, 'build_failed');
  return { type: 'built' };
}

async function build(
  run: DeployRun,
  buildStarted: number,
): Promise<BuiltRelease> {
  const { ctx, options } = run;
  ctx.log(
    `- build: ${options.ref ? `git ref ${options.ref}` : 'the working tree'}`,
  );
  let release: BuiltRelease;
  try {
    release = await buildRelease({
      root: ctx.paths.root,
      releasesDir: ctx.paths.releasesDir,
      ref: options.ref,
    });
  } catch (error) {
    throw new StepFailure({
      type: 'build_failed',
      reason: errorMessage(error),
    });
  }
  ctx.log(
    `  built v${release.version} (${release.commit.slice(0, 12)}) in ${
      Date.now() - buildStarted
    } ms`,
  );
  return release;
}

function openRecorder(
  run: DeployRun,
  release: BuiltRelease,
): DeploymentRecorder {
  const { ctx, options, oldInstance, oldColor } = run;
  return new DeploymentRecorder(
    {
      entityRef: ctx.entityRef,
      environment: ctx.environment,
      kind: run.kind,
      release: releaseForRecord(release),
      ...(oldInstance
        ? { previous: releaseForRecord(oldInstance.release) }
        : {}),
      ...(oldColor ? { fromColor: oldColor } : {}),
      toColor: run.newColor,
      ...(ctx.operator ? { operator: ctx.operator } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
      startedAt: run.startedAt.toISOString(),
    },
    {
      backendUrl: ctx.backendUrl,
      token: ctx.deployToken,
      recordsDir: ctx.paths.recordsDir,
      warn: ctx.log,
    },
  );
}
