// Files in temporary directories the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import path from 'node:path';
import {
  DeploymentStep,
  deploymentCreateSchema,
} from '@vigil/backstage-plugin-deployments-common';
import { deploy, down, rollback, status, up } from './api';
import { readDeployState } from './state/deployState';
import {
  RealProxy,
  startRealProxy,
  steadyLoad,
  versionBehind,
} from './testUtils/realProxy';

// A real HAProxy (ops/haproxy/haproxy.cfg on free ports) in front of two
// real scoring API instances built from the working tree. Slow by nature.
jest.setTimeout(120_000);

describe('blue-green deploys through a real HAProxy', () => {
  let proxy: RealProxy;

  beforeAll(async () => {
    proxy = await startRealProxy();
    await up(proxy.ctx);
  });

  afterAll(async () => {
    if (!proxy) return;
    await down(proxy.ctx);
    await proxy.stop();
  });

  it('starts blue live with up', async () => {
    const behind = await versionBehind(proxy.frontendUrl);
    expect(behind.color).toBe('blue');
    const s = await status(proxy.ctx);
    expect(s.live).toBe('blue');
    expect(s.proxyLive).toEqual(['blue']);
    const targets = JSON.parse(
      fs.readFileSync(proxy.ctx.paths.targetsFile, 'utf8'),
    );
    expect(targets).toEqual([
      {
        targets: [`127.0.0.1:${proxy.ports.blue}`],
        labels: { service: 'scoring-api', color: 'blue' },
      },
    ]);
  });

  it('deploys green under steady load without failing a request', async () => {
    const load = steadyLoad(proxy.frontendUrl);
    const result = await deploy(proxy.ctx, {
      watchSeconds: 2,
      watchIntervalSeconds: 1,
    });
    await new Promise(r => setTimeout(r, 300));
    const counts = await load.stop();

    expect(result.message).toMatch(/is live on green/);
    expect(result.outcome).toBe('succeeded');
    expect(result.machine.trafficOn).toBe('new');
    expect(counts.failures).toEqual([]);
    expect(counts.total).toBeGreaterThan(20);
    expect(await versionBehind(proxy.frontendUrl)).toMatchObject({
      color: 'green',
      version: result.release!.version,
    });
    const state = readDeployState(proxy.ctx.paths.stateFile);
    expect(state.live).toBe('green');
    expect(state.instances.blue).toBeUndefined();
    expect(state.previous?.version).toBe(result.release!.version);
    // Without a portal the record is kept as a file, postable as is.
    const files = fs.readdirSync(proxy.ctx.paths.recordsDir);
    expect(files).toHaveLength(1);
    const record = JSON.parse(
      fs.readFileSync(path.join(proxy.ctx.paths.recordsDir, files[0]), 'utf8'),
    );
    expect(deploymentCreateSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({
      kind: 'deploy',
      outcome: 'succeeded',
      fromColor: 'blue',
      toColor: 'green',
      trafficSwitchedAt: expect.any(String),
    });
    expect(
      record.steps.map((step: DeploymentStep) => [step.name, step.status]),
    ).toEqual([
      ['build', 'succeeded'],
      ['start', 'succeeded'],
      ['smoke', 'succeeded'],
      ['switch', 'succeeded'],
      ['watch', 'succeeded'],
      ['retire', 'succeeded'],
    ]);
  });

  it('rolls back to blue under steady load without failing a request', async () => {
    const load = steadyLoad(proxy.frontendUrl);
    const result = await rollback(proxy.ctx, { reason: 'test' });
    await new Promise(r => setTimeout(r, 300));
    const counts = await load.stop();

    expect(result.message).toMatch(/is live on blue/);
    expect(result.outcome).toBe('succeeded');
    expect(counts.failures).toEqual([]);
    expect(counts.total).toBeGreaterThan(10);
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('blue');
    expect(readDeployState(proxy.ctx.paths.stateFile).live).toBe('blue');
  });

  it('keeps traffic on blue when green fails its smoke tests', async () => {
    const load = steadyLoad(proxy.frontendUrl);
    const result = await deploy(proxy.ctx, {
      watchSeconds: 2,
      extraEnv: { SCORING_FAULTS: '{"errorRate":1}' },
    });
    const counts = await load.stop();

    expect(result.outcome).toBe('failed');
    expect(result.machine.trafficOn).toBe('old');
    expect(result.message).toMatch(
      /^smoke tests failed on green: POST \/v1\/score answered 500.*; traffic is still on blue \(v/,
    );
    expect(counts.failures).toEqual([]);
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('blue');
    const state = readDeployState(proxy.ctx.paths.stateFile);
    expect(state.live).toBe('blue');
    expect(state.instances.green).toBeUndefined();
  });

  it('rolls back on its own when the release breaks in the watch window', async () => {
    const result = await deploy(proxy.ctx, {
      watchSeconds: 20,
      watchIntervalSeconds: 1,
      // Smoke tests pass (one scoring request); the second one fails.
      extraEnv: {
        SCORING_FAULTS: '{"errorRate":1}',
        SCORING_FAULTS_AFTER_REQUESTS: '1',
      },
    });

    expect(result.outcome).toBe('rolled_back');
    expect(result.watch).toMatchObject({ ok: false, signal: 'smoke' });
    expect(result.message).toMatch(
      /^watch failed on green: smoke tests failed on green: POST \/v1\/score answered 500.*; rolled back; traffic is back on blue/,
    );
    expect(result.restoredAt).toBeInstanceOf(Date);
    // RTO ends when the rollback's switch put traffic back on blue (ready
    // and up in HAProxy, taking traffic), not once green had drained.
    expect(result.restoredAt).toEqual(result.rollbackSwitch!.switchedAt);
    expect(proxy.lines).toContain(
      `  traffic is back on blue since ${result.restoredAt!.toISOString()} (green drained in ${
        result.rollbackSwitch!.drainMs
      } ms)`,
    );
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('blue');
    expect(
      readDeployState(proxy.ctx.paths.stateFile).instances.green,
    ).toBeUndefined();
  });
});
