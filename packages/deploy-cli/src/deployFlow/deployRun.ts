import {
  Color,
  DEPLOY_STEP_NAMES,
  DeployEvent,
  DeployMachineState,
  DeploySides,
  DeploymentKind,
  DeploymentOutcome,
  SmokeCheck,
  transitionDeploy,
} from '@vigil/backstage-plugin-deployments-common';
import type { DeployContext } from '../context';
import type { HaproxyRuntimeApi } from '../haproxy/RuntimeApi';
import type { SwitchResult } from '../haproxy/switchTraffic';
import type { DeploymentRecorder } from '../records/DeploymentRecorder';
import type {
  BuiltRelease,
  DeployState,
  InstanceRecord,
} from '../state/deployState';
import type { AvailabilitySlo } from '../watch/fastBurn';
import type { WatchResult } from '../watch/watchRelease';

export interface DeployOptions {
  /** Git ref to build; undefined: the working tree. Ignored with `release`. */
  ref?: string;
  /** An already built release (a rollback to the previous one). */
  release?: BuiltRelease;
  /** Length of the watch window; 0 switches and finishes at once. */
  watchSeconds: number;
  /** Seconds between two rounds of watch checks (default 3). */
  watchIntervalSeconds?: number;
  kind?: DeploymentKind;
  reason?: string;
  /** Added to the new instance's environment (a drill's SCORING_FAULTS). */
  extraEnv?: Record<string, string>;
  /** Aborting during the watch rolls back (Ctrl-C). */
  signal?: AbortSignal;
}

/** What happened, for the CLI's last line and for drills' measurements. */
export interface DeployResult {
  outcome: DeploymentOutcome;
  machine: DeployMachineState;
  /** The release deployed (or attempted). */
  release?: BuiltRelease;
  previous?: BuiltRelease;
  fromColor?: Color;
  toColor: Color;
  /** One line: what happened and where traffic is. */
  message: string;
  smoke: SmokeCheck[];
  trafficSwitchedAt?: Date;
  watch?: WatchResult;
  /**
   * When the automatic rollback's switch back put traffic on the old colour
   * (ready and up in HAProxy, taking traffic): its
   * `switchedAt`, not the end of the new colour's drain.
   */
  restoredAt?: Date;
  /** The automatic rollback's switch (its drain figures). */
  rollbackSwitch?: SwitchResult;
  recorder?: DeploymentRecorder;
}

/**
 * One deploy in progress: what it acts on, fixed at the start, and what its
 * steps found so far. Each step reads it and fills in its part, so the steps
 * stay separate functions without a long parameter list each.
 */
export interface DeployRun {
  readonly ctx: DeployContext;
  readonly options: DeployOptions;
  readonly kind: DeploymentKind;
  readonly api: HaproxyRuntimeApi;
  readonly state: DeployState;
  readonly oldColor?: Color;
  readonly oldInstance?: InstanceRecord;
  readonly newColor: Color;
  readonly startedAt: Date;
  readonly slo: AvailabilitySlo;
  machine: DeployMachineState;
  release?: BuiltRelease;
  readonly smoke: SmokeCheck[];
  trafficSwitchedAt?: Date;
  watch?: WatchResult;
  restoredAt?: Date;
  rollbackSwitch?: SwitchResult;
  recorder?: DeploymentRecorder;
}

/** A step failure carrying the event for the state machine. */
export class StepFailure extends Error {
  constructor(readonly event: DeployEvent) {
    super('reason' in event ? event.reason : event.type);
  }
}

/** Both sides of the deploy, for the state machine's messages. */
export function sidesOf(run: DeployRun): DeploySides {
  return {
    oldColor: run.oldColor,
    oldVersion: run.oldInstance?.release.version,
    newColor: run.newColor,
    newVersion: run.release?.version ?? '(not built)',
  };
}

/**
 * Ctrl-C before the switch stops the deploy where it is (traffic stays);
 * during the watch it rolls back (watchRelease sees the signal).
 */
export function checkInterrupted(
  run: DeployRun,
  type: 'build_failed' | 'start_failed' | 'smoke_failed',
): void {
  if (run.options.signal?.aborted) {
    throw new StepFailure({ type, reason: 'interrupted (Ctrl-C)' });
  }
}

/**
 * Feeds the state machine an event and records the step it leaves and the
 * step it enters (phases map to recorded steps by DEPLOY_STEP_NAMES).
 */
export async function fire(run: DeployRun, event: DeployEvent): Promise<void> {
  const stepBefore = DEPLOY_STEP_NAMES[run.machine.phase];
  run.machine = transitionDeploy(run.machine, event);
  const stepAfter = DEPLOY_STEP_NAMES[run.machine.phase];
  if (stepBefore && stepBefore !== stepAfter) {
    const failed = 'reason' in event;
    await run.recorder?.stepFinished(
      stepBefore,
      failed ? 'failed' : 'succeeded',
      failed ? event.reason : undefined,
    );
  }
  if (stepAfter && stepAfter !== stepBefore) {
    await run.recorder?.stepStarted(stepAfter);
  }
}
