import {
  DeployEvent,
  DeployPhase,
  InvalidDeployTransitionError,
  TrafficOn,
  deployOutcome,
  describeDeployFailure,
  initialDeployState,
  isTerminalPhase,
  LiveReconciliation,
  ProxyColorView,
  RecordedLive,
  reconcileLiveColor,
  runDeployEvents,
  transitionDeploy,
} from './deployStateMachine';
import type { DeploymentOutcome } from './records';

const upToSwitch: DeployEvent[] = [
  { type: 'start' },
  { type: 'built' },
  { type: 'started' },
  { type: 'smoke_passed' },
];

describe('deploy state machine', () => {
  it.each<[string, DeployEvent[], DeployPhase, TrafficOn, DeploymentOutcome]>([
    ['nothing yet', [], 'idle', 'old', 'in_progress'],
    ['building', [{ type: 'start' }], 'building', 'old', 'in_progress'],
    [
      'smoke testing',
      upToSwitch.slice(0, 3),
      'smoke_testing',
      'old',
      'in_progress',
    ],
    ['switching', upToSwitch, 'switching', 'old', 'in_progress'],
    [
      'watching after the switch',
      [...upToSwitch, { type: 'switched' }],
      'watching',
      'new',
      'in_progress',
    ],
    [
      'a clean release',
      [...upToSwitch, { type: 'switched' }, { type: 'watch_passed' }],
      'succeeded',
      'new',
      'succeeded',
    ],
    [
      'a failed build',
      [{ type: 'start' }, { type: 'build_failed', reason: 'esbuild' }],
      'failed',
      'old',
      'failed',
    ],
    [
      'an instance that never got ready',
      [
        { type: 'start' },
        { type: 'built' },
        { type: 'start_failed', reason: 'x' },
      ],
      'failed',
      'old',
      'failed',
    ],
    [
      'failed smoke tests',
      [...upToSwitch.slice(0, 3), { type: 'smoke_failed', reason: '500' }],
      'failed',
      'old',
      'failed',
    ],
    [
      'a switch that did not happen',
      [
        ...upToSwitch,
        { type: 'switch_failed', reason: 'socket', trafficOn: 'old' },
      ],
      'failed',
      'old',
      'failed',
    ],
    [
      'a half-done switch',
      [
        ...upToSwitch,
        { type: 'switch_failed', reason: 'socket', trafficOn: 'unknown' },
      ],
      'rolling_back',
      'unknown',
      'in_progress',
    ],
    [
      'a half-done switch, put back',
      [
        ...upToSwitch,
        { type: 'switch_failed', reason: 'socket', trafficOn: 'new' },
        { type: 'rolled_back' },
      ],
      'rolled_back',
      'old',
      'rolled_back',
    ],
    [
      'a watch failure',
      [
        ...upToSwitch,
        { type: 'switched' },
        { type: 'watch_failed', reason: 'burn' },
      ],
      'rolling_back',
      'new',
      'in_progress',
    ],
    [
      'an automatic rollback',
      [
        ...upToSwitch,
        { type: 'switched' },
        { type: 'watch_failed', reason: 'burn' },
        { type: 'rolled_back' },
      ],
      'rolled_back',
      'old',
      'rolled_back',
    ],
    [
      'a rollback that failed',
      [
        ...upToSwitch,
        { type: 'switched' },
        { type: 'watch_failed', reason: 'burn' },
        { type: 'rollback_failed', reason: 'blue is gone' },
      ],
      'failed',
      'unknown',
      'failed',
    ],
  ])('%s', (_name, events, phase, trafficOn, outcome) => {
    const state = runDeployEvents(events);
    expect(state.phase).toBe(phase);
    expect(state.trafficOn).toBe(trafficOn);
    expect(deployOutcome(state)).toBe(outcome);
    expect(isTerminalPhase(state.phase)).toBe(outcome !== 'in_progress');
  });

  it.each<[DeployPhase, DeployEvent]>([
    ['idle', { type: 'built' }],
    ['building', { type: 'smoke_passed' }],
    ['smoke_testing', { type: 'watch_failed', reason: 'x' }],
    ['watching', { type: 'switched' }],
    ['succeeded', { type: 'start' }],
    ['failed', { type: 'rolled_back' }],
    ['rolled_back', { type: 'rollback_failed', reason: 'x' }],
  ])('refuses, in %s, the event %j', (phase, event) => {
    expect(() =>
      transitionDeploy({ ...initialDeployState, phase }, event),
    ).toThrow(InvalidDeployTransitionError);
  });

  it('keeps the first failure and adds a failed rollback to it', () => {
    const state = runDeployEvents([
      ...upToSwitch,
      { type: 'switched' },
      { type: 'watch_failed', reason: 'burn' },
      { type: 'rollback_failed', reason: 'blue is gone' },
    ]);
    expect(state.failure).toEqual({ phase: 'watching', reason: 'burn' });
    expect(state.rollbackFailure).toBe('blue is gone');
  });

  const sides = {
    oldColor: 'blue' as const,
    oldVersion: '0.1.0+3f2a1bc',
    newColor: 'green' as const,
    newVersion: '0.1.0+9e8d7c6',
  };

  it.each<[DeployEvent[], string | undefined]>([
    [
      [...upToSwitch, { type: 'switched' }, { type: 'watch_passed' }],
      undefined,
    ],
    [
      [
        ...upToSwitch.slice(0, 3),
        { type: 'smoke_failed', reason: 'POST /v1/score answered 500' },
      ],
      'smoke tests failed on green: POST /v1/score answered 500; traffic is still on blue (v0.1.0+3f2a1bc)',
    ],
    [
      [
        ...upToSwitch,
        { type: 'switched' },
        { type: 'watch_failed', reason: 'error ratio 0.5 above 0.0144' },
        { type: 'rolled_back' },
      ],
      'watch failed on green: error ratio 0.5 above 0.0144; rolled back; traffic is back on blue (v0.1.0+3f2a1bc)',
    ],
    [
      [
        ...upToSwitch,
        { type: 'switched' },
        { type: 'watch_failed', reason: 'smoke' },
        { type: 'rollback_failed', reason: 'blue is not running' },
      ],
      "watch failed on green: smoke; the rollback failed too: blue is not running; traffic is in an unknown state: check 'vigil-deploy status' and HAProxy's stats page",
    ],
  ])('words %j as %j', (events, message) => {
    expect(describeDeployFailure(runDeployEvents(events), sides)).toBe(message);
  });

  it('words a first release, with nothing live before', () => {
    const state = runDeployEvents([
      { type: 'start' },
      { type: 'built' },
      { type: 'start_failed', reason: 'port 8081 is in use' },
    ]);
    expect(
      describeDeployFailure(state, { newColor: 'blue', newVersion: '0.1.0+1' }),
    ).toBe(
      'start failed on blue: port 8081 is in use; no colour was taking traffic before and none is now',
    );
  });
});

describe('reconcileLiveColor', () => {
  const view = (
    color: 'blue' | 'green',
    admin: ProxyColorView['admin'],
    up: boolean,
  ): ProxyColorView => ({ color, admin, up });

  it.each<[string, ProxyColorView[], RecordedLive, LiveReconciliation]>([
    [
      'agrees with state.json',
      [view('blue', 'ready', true), view('green', 'maint', false)],
      { live: 'blue', running: ['blue'] },
      { kind: 'live', live: 'blue', corrected: false },
    ],
    [
      'corrects state.json after a CLI killed once the old colour drained',
      [view('blue', 'drain', true), view('green', 'ready', true)],
      {
        live: 'blue',
        running: ['blue', 'green'],
        switching: { from: 'blue', to: 'green', toward: 'release' },
      },
      { kind: 'live', live: 'green', corrected: true },
    ],
    [
      'ignores a ready colour that is down',
      [view('blue', 'ready', false), view('green', 'ready', true)],
      { live: 'blue', running: ['green'] },
      { kind: 'live', live: 'green', corrected: true },
    ],
    [
      'finds nothing to protect on a first deploy',
      [view('blue', 'maint', false), view('green', 'maint', false)],
      { running: [] },
      { kind: 'nothing' },
    ],
    [
      'finds nothing to protect when every instance is gone',
      [view('blue', 'ready', false), view('green', 'maint', false)],
      { live: 'blue', running: [] },
      { kind: 'nothing' },
    ],
  ])('%s', (_name, proxy, recorded, expected) => {
    expect(reconcileLiveColor(proxy, recorded)).toEqual(expected);
  });

  it.each<[string, ProxyColorView[], RecordedLive, string, RegExp]>([
    [
      'a deploy stopped with both colours ready goes back to the old one',
      [view('blue', 'ready', true), view('green', 'ready', true)],
      {
        live: 'blue',
        running: ['blue', 'green'],
        switching: { from: 'blue', to: 'green', toward: 'release' },
      },
      'yarn vigil-deploy switch --to blue (blue was the safe side; --to green keeps green instead)',
      /^HAProxy sends traffic to both colours \(blue ready and up, green ready and up\): a switch stopped halfway \(from blue to green\)$/,
    ],
    [
      'a rollback stopped with both colours ready finishes going back',
      [view('blue', 'ready', true), view('green', 'ready', true)],
      {
        live: 'green',
        running: ['blue', 'green'],
        switching: { from: 'green', to: 'blue', toward: 'restore' },
      },
      'yarn vigil-deploy switch --to blue (blue was the safe side; --to green keeps green instead)',
      /both colours/,
    ],
    [
      'both ready without a recorded switch: the colour state.json calls live',
      [view('blue', 'ready', true), view('green', 'ready', true)],
      { live: 'green', running: ['blue', 'green'] },
      'yarn vigil-deploy switch --to green (green was the safe side; --to blue keeps blue instead)',
      /both colours/,
    ],
    [
      'none ready while blue runs (up stopped before its switch)',
      [view('blue', 'maint', true), view('green', 'maint', false)],
      {
        running: ['blue'],
        switching: { to: 'blue', toward: 'restore' },
      },
      'yarn vigil-deploy switch --to blue (it waits until HAProxy finds blue up)',
      /^no colour takes traffic in HAProxy \(blue maint and up, green maint and down\) while blue runs: clients get 503 from the proxy$/,
    ],
  ])('refuses when %s', (_name, proxy, recorded, recovery, problem) => {
    const result = reconcileLiveColor(proxy, recorded);
    expect(result).toMatchObject({ kind: 'conflict', recovery });
    expect(result.kind === 'conflict' && result.problem).toMatch(problem);
  });
});
