import {
  DrillFile,
  DrillResult,
} from '@vigil/backstage-plugin-deployments-common';
import type { CliCommand, CliIo } from '../cliIo';
import type { DeployContext } from '../context';
import { deploy } from '../commands/deploy';
import { rollback } from '../commands/rollback';
import type { DeploymentRecorder } from '../records/DeploymentRecorder';
import { releaseForRecord } from '../release/buildRelease';
import { DRILL_USAGE, DrillUsageError, parseDrillArgs } from './options';
import { DrillDeployReport, DrillDeps } from './drillDeps';
import { runDrill } from './runDrill';

/** The drill result of a drill file: the record's `drill` field takes no file fields. */
function drillResultOf(file: DrillFile): DrillResult {
  const {
    id: _id,
    entityRef: _entityRef,
    startedAt: _startedAt,
    finishedAt: _finishedAt,
    deploymentId: _deploymentId,
    operator: _operator,
    ...result
  } = file;
  return result;
}

/**
 * What a drill needs from the deploy path, on `ctx`'s HAProxy and
 * instances: the platform's for the command, a scratch proxy's in tests.
 */
export function drillDeps(
  ctx: DeployContext,
  options: { adminToken: string; signal?: AbortSignal },
): DrillDeps {
  const { adminToken, signal } = options;
  let recorder: DeploymentRecorder | undefined;
  return {
    root: ctx.paths.root,
    frontendUrl: ctx.frontendUrl,
    adminToken,
    operator: ctx.operator,
    log: ctx.log,
    async deploy(request): Promise<DrillDeployReport> {
      const result = await deploy(
        { ...ctx, entityRef: request.entityRef },
        {
          ref: request.ref,
          watchSeconds: request.watchSeconds,
          kind: 'drill',
          reason: request.reason,
          extraEnv: request.instanceEnv,
          signal,
        },
      );
      recorder = result.recorder;
      const watch = result.watch;
      return {
        recordId: result.recorder?.id,
        release: result.release
          ? releaseForRecord(result.release)
          : { version: 'unbuilt', commit: '0000000' },
        ...(result.previous
          ? { previous: releaseForRecord(result.previous) }
          : {}),
        outcome: result.outcome === 'in_progress' ? 'failed' : result.outcome,
        trafficSwitchedAt: result.trafficSwitchedAt?.getTime(),
        // An interrupted watch (Ctrl-C) is not a detection.
        ...(watch && !watch.ok && watch.signal !== 'interrupted'
          ? {
              watchFailure: {
                at: watch.at.getTime(),
                signal: watch.signal,
                detail: watch.detail,
              },
            }
          : {}),
        rolledBackAt: result.restoredAt?.getTime(),
        summary: result.message,
      };
    },
    async rollback(reason) {
      const result = await rollback(ctx, { reason, signal });
      const restored = result.outcome === 'succeeded';
      return {
        summary: restored
          ? `traffic is back on ${result.toColor} (v${
              result.release?.version
            })${
              result.recorder?.id
                ? `, rollback record ${result.recorder.id}`
                : ''
            }`
          : result.message,
        // The rollback's own switch: the good colour ready, up, taking traffic.
        ...(restored && result.trafficSwitchedAt
          ? { trafficBackAt: result.trafficSwitchedAt.getTime() }
          : {}),
      };
    },
    async recordDrill(_recordId, file) {
      if (!recorder) return 'no record (nothing was built)';
      if (file.detection.signal === 'none') {
        // The drill's deploy "succeeded" (nothing caught the bad release);
        // the drill rolled it back by hand: the record says so.
        await recorder.finish(
          'rolled_back',
          `${file.detection.detail}`.slice(0, 2000),
        );
      }
      await recorder.setDrill(drillResultOf(file));
      await recorder.flush();
      return recorder.id
        ? `the drill's figures were added to portal record ${recorder.id}`
        : `the portal could not be reached; the record is kept in ${recorder.filePath()}`;
    },
  };
}

/**
 * `vigil-deploy drill [flags]`: resolves with the exit code (0 passed,
 * 1 failed or could not be measured, 2 bad flags).
 */
export async function runDrillCommand(
  args: string[],
  io: CliIo,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(DRILL_USAGE);
    return 0;
  }
  let options;
  try {
    options = parseDrillArgs(args);
  } catch (error) {
    if (!(error instanceof DrillUsageError)) throw error;
    io.stderr(`vigil-deploy drill: ${error.message}\n${DRILL_USAGE}`);
    return 2;
  }
  const base = io.context({ entityRef: options.entityRef });
  // The context filled the instances' token from .data/scoring-admin-token
  // when the environment has none (instanceEnvOf).
  const adminToken =
    base.instanceEnv.VIGIL_SCORING_ADMIN_TOKEN ||
    base.instanceEnv.SCORING_ADMIN_TOKEN;
  if (!adminToken) {
    io.stderr(
      'vigil-deploy drill: no admin token for the feature writes (VIGIL_SCORING_ADMIN_TOKEN, or .data/scoring-admin-token from ./vigil start); nothing was changed\n',
    );
    return 1;
  }
  // The released instance gets the same admin token as the live one, so
  // writes it receives are acknowledged as they would be in production.
  const ctx = {
    ...base,
    instanceEnv: { ...base.instanceEnv, VIGIL_SCORING_ADMIN_TOKEN: adminToken },
  };

  try {
    const run = await runDrill(
      options,
      drillDeps(ctx, { adminToken, signal: io.signal }),
    );
    return run.exitCode;
  } catch (error) {
    io.stderr(
      `vigil-deploy drill: ${
        (error as Error).message
      }; check where traffic is with 'yarn vigil-deploy status'\n`,
    );
    return 1;
  }
}

export const drillCommand: CliCommand = {
  name: 'drill',
  synopsis: 'drill [options]        (vigil-deploy drill --help)',
  help: `  drill     a timed rollback drill: a broken release under load, RTO and RPO`,
  run: runDrillCommand,
};
