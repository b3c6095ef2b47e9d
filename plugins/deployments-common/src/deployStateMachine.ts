import type { Color, DeploymentOutcome } from './records';

/**
 * The blue-green deploy as a pure state machine: the deploy CLI feeds it
 * what each step did and reads back where it is, where traffic is, and how
 * to word a failure. A manual rollback runs the same machine (its "new"
 * release is the one traffic goes back to).
 *
 *   idle → building → starting → smoke_testing → switching → watching
 *        → succeeded
 *   watching (or a half-done switch) → rolling_back → rolled_back | failed
 *   building, starting, smoke_testing (or a switch that did not happen) → failed
 * @public
 */
export type DeployPhase =
  | 'idle'
  | 'building'
  | 'starting'
  | 'smoke_testing'
  | 'switching'
  | 'watching'
  | 'succeeded'
  | 'rolling_back'
  | 'rolled_back'
  | 'failed';

/**
 * Which release takes traffic: the one live before the deploy, the new one,
 * or unknown (a step failed half-way and the proxy could not be read).
 * @public
 */
export type TrafficOn = 'old' | 'new' | 'unknown';

/** @public */
export type DeployEvent =
  | { type: 'start' }
  | { type: 'built' }
  | { type: 'started' }
  | { type: 'smoke_passed' }
  | { type: 'switched' }
  | { type: 'watch_passed' }
  | { type: 'rolled_back' }
  | {
      type:
        | 'build_failed'
        | 'start_failed'
        | 'smoke_failed'
        | 'watch_failed'
        | 'rollback_failed';
      reason: string;
    }
  | {
      type: 'switch_failed';
      reason: string;
      /** Where the CLI found traffic after the failed switch. */
      trafficOn: TrafficOn;
    };

/** @public */
export interface DeployFailure {
  /** The phase that failed. */
  phase: DeployPhase;
  reason: string;
}

/** @public */
export interface DeployMachineState {
  phase: DeployPhase;
  trafficOn: TrafficOn;
  /** The first failure (what made the deploy fail or roll back). */
  failure?: DeployFailure;
  /** Set when a rollback itself failed after the first failure. */
  rollbackFailure?: string;
}

/** @public */
export const initialDeployState: DeployMachineState = Object.freeze({
  phase: 'idle',
  trafficOn: 'old',
});

/**
 * An event that makes no sense in the current phase (a bug in the caller).
 * @public
 */
export class InvalidDeployTransitionError extends Error {
  constructor(phase: DeployPhase, event: DeployEvent['type']) {
    super(`deploy state machine: no '${event}' in phase '${phase}'`);
  }
}

/** The one event that moves each working phase forward. */
const successes: Partial<
  Record<DeployPhase, [DeployEvent['type'], DeployPhase]>
> = {
  idle: ['start', 'building'],
  building: ['built', 'starting'],
  starting: ['started', 'smoke_testing'],
  smoke_testing: ['smoke_passed', 'switching'],
  switching: ['switched', 'watching'],
  watching: ['watch_passed', 'succeeded'],
  rolling_back: ['rolled_back', 'rolled_back'],
};

/** The failure event of each working phase. */
const failures: Partial<Record<DeployPhase, DeployEvent['type']>> = {
  building: 'build_failed',
  starting: 'start_failed',
  smoke_testing: 'smoke_failed',
  switching: 'switch_failed',
  watching: 'watch_failed',
  rolling_back: 'rollback_failed',
};

/** @public */
export function isTerminalPhase(phase: DeployPhase): boolean {
  return ['succeeded', 'rolled_back', 'failed'].includes(phase);
}

/**
 * The next state; throws {@link InvalidDeployTransitionError} for an event out of place.
 * @public
 */
export function transitionDeploy(
  state: DeployMachineState,
  event: DeployEvent,
): DeployMachineState {
  const success = successes[state.phase];
  if (success && success[0] === event.type) {
    const phase = success[1];
    let trafficOn = state.trafficOn;
    if (event.type === 'switched' || event.type === 'watch_passed') {
      trafficOn = 'new';
    } else if (event.type === 'rolled_back') {
      trafficOn = 'old';
    }
    return { ...state, phase, trafficOn };
  }
  if (failures[state.phase] !== event.type || !('reason' in event)) {
    throw new InvalidDeployTransitionError(state.phase, event.type);
  }
  if (event.type === 'rollback_failed') {
    return {
      ...state,
      phase: 'failed',
      trafficOn: 'unknown',
      rollbackFailure: event.reason,
    };
  }
  const failure = { phase: state.phase, reason: event.reason };
  if (event.type === 'watch_failed') {
    // The new release has traffic: take it back to the warm old one.
    return { ...state, phase: 'rolling_back', trafficOn: 'new', failure };
  }
  if (event.type === 'switch_failed' && event.trafficOn !== 'old') {
    // Part of the traffic may be on the new release: put it all back.
    return {
      ...state,
      phase: 'rolling_back',
      trafficOn: event.trafficOn,
      failure,
    };
  }
  // Nothing reached the new release: traffic stays where it was.
  return { ...state, phase: 'failed', trafficOn: 'old', failure };
}

/**
 * Runs a sequence of events from idle (tests, and replaying a record).
 * @public
 */
export function runDeployEvents(
  events: DeployEvent[],
  from: DeployMachineState = initialDeployState,
): DeployMachineState {
  return events.reduce(transitionDeploy, from);
}

/**
 * The record's outcome for a state.
 * @public
 */
export function deployOutcome(state: DeployMachineState): DeploymentOutcome {
  switch (state.phase) {
    case 'succeeded':
      return 'succeeded';
    case 'rolled_back':
      return 'rolled_back';
    case 'failed':
      return 'failed';
    default:
      return 'in_progress';
  }
}

/**
 * The step name a phase is recorded under (DeploymentStep.name).
 * @public
 */
export const DEPLOY_STEP_NAMES: Partial<Record<DeployPhase, string>> = {
  building: 'build',
  starting: 'start',
  smoke_testing: 'smoke',
  switching: 'switch',
  watching: 'watch',
  rolling_back: 'rollback',
};

/**
 * The two releases and colours of one deploy, for messages.
 * @public
 */
export interface DeploySides {
  oldColor?: Color;
  oldVersion?: string;
  newColor: Color;
  newVersion: string;
}

const phaseWords: Partial<Record<DeployPhase, string>> = {
  building: 'build failed',
  starting: 'start failed',
  smoke_testing: 'smoke tests failed',
  switching: 'traffic switch failed',
  watching: 'watch failed',
  rolling_back: 'rollback failed',
};

/**
 * Where traffic is, in words: "traffic is still on blue (v0.1.0+3f2a1bc)".
 * @public
 */
export function describeTraffic(
  state: DeployMachineState,
  sides: DeploySides,
): string {
  const old = sides.oldColor
    ? `${sides.oldColor}${sides.oldVersion ? ` (v${sides.oldVersion})` : ''}`
    : undefined;
  const next = `${sides.newColor} (v${sides.newVersion})`;
  switch (state.trafficOn) {
    case 'old':
      if (!old) return 'no colour was taking traffic before and none is now';
      return state.phase === 'rolled_back'
        ? `traffic is back on ${old}`
        : `traffic is still on ${old}`;
    case 'new':
      return `traffic is on ${next}`;
    default:
      return `traffic is in an unknown state: check 'vigil-deploy status' and HAProxy's stats page`;
  }
}

/**
 * One sentence for the end of a deploy that did not succeed, e.g.
 * "smoke tests failed on green: POST /v1/score answered 500; traffic is still
 * on blue (v0.1.0+3f2a1bc)". Undefined when nothing failed.
 * @public
 */
export function describeDeployFailure(
  state: DeployMachineState,
  sides: DeploySides,
): string | undefined {
  if (!state.failure) return undefined;
  const what = `${phaseWords[state.failure.phase] ?? 'failed'} on ${
    sides.newColor
  }: ${state.failure.reason}`;
  let rollback = '';
  if (state.phase === 'rolled_back') rollback = '; rolled back';
  if (state.rollbackFailure) {
    rollback = `; the rollback failed too: ${state.rollbackFailure}`;
  }
  return `${what}${rollback}; ${describeTraffic(state, sides)}`;
}

/**
 * One colour as HAProxy's runtime API shows it.
 * @public
 */
export interface ProxyColorView {
  color: Color;
  /** The runtime API's administrative state. */
  admin: 'ready' | 'drain' | 'maint';
  /** Whether its health checks find it up. */
  up: boolean;
}

/**
 * A traffic switch the CLI began and had not finished when it last wrote
 * state.json. `toward` says which side was the safe one: `release` (a deploy
 * moving to a new release: the safe side is `from`, what was live before) or
 * `restore` (a rollback, automatic or by hand: the safe side is `to`).
 * @public
 */
export interface PendingSwitch {
  from?: Color;
  to: Color;
  toward: 'release' | 'restore';
}

/**
 * What state.json says, reduced to what reconciling needs.
 * @public
 */
export interface RecordedLive {
  /** The colour state.json calls live. */
  live?: Color;
  /** Colours whose recorded instance still runs. */
  running: readonly Color[];
  switching?: PendingSwitch;
}

/**
 * What HAProxy says against what state.json says:
 * - `live`: exactly one colour is ready and up; it is the live one
 *   (`corrected` when state.json named another, or none);
 * - `nothing`: no colour takes traffic and no recorded instance runs: a
 *   first deploy, or every instance is gone; a deploy or rollback starts
 *   from scratch on the idle slot;
 * - `conflict`: both colours take traffic, or none does while an instance
 *   runs: a switch stopped halfway. Nothing may act until one colour is
 *   live again; `recovery` is the one command that makes it so.
 * @public
 */
export type LiveReconciliation =
  | { kind: 'live'; live: Color; corrected: boolean }
  | { kind: 'nothing' }
  | { kind: 'conflict'; problem: string; recovery: string; safe: Color };

const describeView = (v: ProxyColorView) =>
  `${v.color} ${v.admin} and ${v.up ? 'up' : 'down'}`;

/**
 * The colour a half-done switch should be settled on: the side that was
 * safe before it began, else the one state.json calls live, else a running one.
 */
function safeColor(recorded: RecordedLive, candidates: Color[]): Color {
  const { switching } = recorded;
  const preferred: Array<Color | undefined> = [
    switching?.toward === 'release' ? switching.from : switching?.to,
    recorded.live,
  ];
  for (const color of preferred) {
    if (color && candidates.includes(color)) return color;
  }
  return candidates[0];
}

/**
 * Reconciles state.json with HAProxy's runtime API before the CLI acts:
 * the live colour is the one HAProxy has `ready` and up, whatever
 * state.json says (a CLI killed mid-switch leaves state.json behind).
 * `cli` is how the operator runs the CLI (`yarn vigil-deploy`).
 * @public
 */
export function reconcileLiveColor(
  proxy: readonly ProxyColorView[],
  recorded: RecordedLive,
  cli = 'yarn vigil-deploy',
): LiveReconciliation {
  const live = proxy.filter(v => v.admin === 'ready' && v.up);
  if (live.length === 1) {
    return {
      kind: 'live',
      live: live[0].color,
      corrected: recorded.live !== live[0].color,
    };
  }
  const views = proxy.map(describeView).join(', ');
  if (live.length > 1) {
    const safe = safeColor(
      recorded,
      live.map(v => v.color),
    );
    const other = live.find(v => v.color !== safe)!.color;
    return {
      kind: 'conflict',
      safe,
      problem: `HAProxy sends traffic to both colours (${views}): a switch stopped halfway${
        recorded.switching
          ? ` (from ${recorded.switching.from ?? 'nothing'} to ${
              recorded.switching.to
            })`
          : ''
      }`,
      recovery: `${cli} switch --to ${safe} (${safe} was the safe side; --to ${other} keeps ${other} instead)`,
    };
  }
  const running = proxy
    .map(v => v.color)
    .filter(color => recorded.running.includes(color));
  if (running.length === 0) return { kind: 'nothing' };
  const safe = safeColor(recorded, running);
  return {
    kind: 'conflict',
    safe,
    problem: `no colour takes traffic in HAProxy (${views}) while ${running.join(
      ' and ',
    )} ${running.length > 1 ? 'run' : 'runs'}: clients get 503 from the proxy`,
    recovery: `${cli} switch --to ${safe} (it waits until HAProxy finds ${safe} up)`,
  };
}
