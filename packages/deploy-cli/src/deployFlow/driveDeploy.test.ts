import {
  DeployEvent,
  initialDeployState,
} from '@vigil/backstage-plugin-deployments-common';
import type { DeployContext } from '../context';
import type { HaproxyRuntimeApi } from '../haproxy/RuntimeApi';
import { whereIsTraffic } from '../haproxy/whereIsTraffic';
import { retireColor } from '../instances/retireColor';
import type { DeployState, InstanceRecord } from '../state/deployState';
import { buildStep } from './buildStep';
import { DeployRun, StepFailure } from './deployRun';
import { driveDeploy } from './driveDeploy';
import { retireStep } from './retireStep';
import { rollbackStep } from './rollbackStep';
import { smokeStep } from './smokeStep';
import { startStep } from './startStep';
import { switchStep } from './switchStep';
import { watchStep } from './watchStep';

// The steps do real work (builds, processes, HAProxy; covered by
// deploy.haproxy.test.ts): here only the order the state machine drives
// them in matters.
jest.mock('./buildStep');
jest.mock('./startStep');
jest.mock('./smokeStep');
jest.mock('./switchStep');
jest.mock('./watchStep');
jest.mock('./rollbackStep');
jest.mock('./retireStep');
jest.mock('../instances/retireColor');
jest.mock('../haproxy/whereIsTraffic');

const calls: string[] = [];
function step(name: string, result: DeployEvent | Error) {
  return async () => {
    calls.push(name);
    if (result instanceof Error) throw result;
    return result;
  };
}

function newRun(): DeployRun {
  return {
    ctx: { backend: 'scoring', log: () => {} } as unknown as DeployContext,
    options: { watchSeconds: 1 },
    kind: 'deploy',
    api: {} as HaproxyRuntimeApi,
    state: {
      instances: { green: { color: 'green' } as InstanceRecord },
    } as DeployState,
    oldColor: 'blue',
    newColor: 'green',
    startedAt: new Date(0),
    slo: { objective: 0.999 } as DeployRun['slo'],
    machine: initialDeployState,
    release: { version: '0.1.0+abc' } as DeployRun['release'],
    smoke: [],
  };
}

const failure = (event: DeployEvent) => new StepFailure(event);

beforeEach(() => {
  calls.length = 0;
  jest.mocked(buildStep).mockImplementation(step('build', { type: 'built' }));
  jest.mocked(startStep).mockImplementation(step('start', { type: 'started' }));
  jest
    .mocked(smokeStep)
    .mockImplementation(step('smoke', { type: 'smoke_passed' }));
  jest
    .mocked(switchStep)
    .mockImplementation(step('switch', { type: 'switched' }));
  jest
    .mocked(watchStep)
    .mockImplementation(step('watch', { type: 'watch_passed' }));
  jest
    .mocked(rollbackStep)
    .mockImplementation(step('rollback', { type: 'rolled_back' }));
  jest.mocked(retireStep).mockImplementation(async () => {
    calls.push('retire');
  });
  jest.mocked(retireColor).mockImplementation(async (_ctx, _state, color) => {
    calls.push(`retireColor ${color}`);
  });
  jest.mocked(whereIsTraffic).mockResolvedValue('old');
});

describe('driveDeploy', () => {
  it('runs every step in order, then retires the old colour', async () => {
    const run = newRun();
    await driveDeploy(run);
    expect(calls).toEqual([
      'build',
      'start',
      'smoke',
      'switch',
      'watch',
      'retire',
    ]);
    expect(run.machine).toMatchObject({ phase: 'succeeded', trafficOn: 'new' });
  });

  it('stops the new colour when a failure left traffic where it was', async () => {
    jest
      .mocked(smokeStep)
      .mockImplementation(
        step('smoke', failure({ type: 'smoke_failed', reason: '500' })),
      );
    const run = newRun();
    await driveDeploy(run);
    expect(calls).toEqual(['build', 'start', 'smoke', 'retireColor green']);
    expect(run.machine).toMatchObject({ phase: 'failed', trafficOn: 'old' });
  });

  it('rolls back after a failed watch, and does not retire the old colour', async () => {
    jest
      .mocked(watchStep)
      .mockImplementation(
        step('watch', failure({ type: 'watch_failed', reason: 'fast burn' })),
      );
    const run = newRun();
    await driveDeploy(run);
    expect(calls).toEqual([
      'build',
      'start',
      'smoke',
      'switch',
      'watch',
      'rollback',
    ]);
    expect(run.machine).toMatchObject({
      phase: 'rolled_back',
      trafficOn: 'old',
      failure: { phase: 'watching', reason: 'fast burn' },
    });
  });

  it('leaves the new colour alone when the rollback itself failed', async () => {
    jest
      .mocked(watchStep)
      .mockImplementation(
        step('watch', failure({ type: 'watch_failed', reason: 'fast burn' })),
      );
    jest
      .mocked(rollbackStep)
      .mockImplementation(
        step('rollback', { type: 'rollback_failed', reason: 'blue is gone' }),
      );
    const run = newRun();
    await driveDeploy(run);
    expect(calls).not.toContain('retireColor green');
    expect(run.machine).toMatchObject({
      phase: 'failed',
      trafficOn: 'unknown',
      rollbackFailure: 'blue is gone',
    });
  });

  it('says where traffic is when a step fails unexpectedly', async () => {
    jest
      .mocked(startStep)
      .mockImplementation(step('start', new Error('a bug')));
    await expect(driveDeploy(newRun())).rejects.toThrow(
      'a bug (during starting; traffic is still on blue)',
    );
    expect(calls).toEqual(['build', 'start']);
  });
});
