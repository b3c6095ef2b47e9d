import { setTimeout as sleep } from 'node:timers/promises';
import {
  LiveColorConflictError,
  deploy,
  down,
  rollback,
  status,
  switchTo,
  up,
} from './api';
import { HaproxyRuntimeApi, isServerUp } from './haproxy/RuntimeApi';
import { launchInstance, processAlive } from './instances/InstanceLauncher';
import { instanceRunning } from './instances/ownedProcess';
import { readDeployState, writeDeployState } from './state/deployState';
import {
  RealProxy,
  startRealProxy,
  versionBehind,
} from './testUtils/realProxy';

// A CLI killed halfway through a switch, as the next command finds it: a
// real HAProxy (ops/haproxy/haproxy.cfg on free ports) in front of two real
// scoring API instances, put by hand into the states a killed CLI leaves.
jest.setTimeout(120_000);

describe('after a CLI stopped mid-switch, through a real HAProxy', () => {
  let proxy: RealProxy;
  let api: HaproxyRuntimeApi;

  beforeAll(async () => {
    proxy = await startRealProxy();
    api = new HaproxyRuntimeApi(proxy.ctx.socketPath);
    await up(proxy.ctx);
  });

  afterAll(async () => {
    if (!proxy) return;
    await down(proxy.ctx);
    await proxy.stop();
  });

  /**
   * What a deploy to green leaves when killed mid-switch: green started and
   * recorded, the pending switch in state.json, state.json still calling
   * blue live; then HAProxy as `haproxy` says.
   */
  async function killedMidSwitch(haproxy: 'both ready' | 'blue drained') {
    const state = readDeployState(proxy.ctx.paths.stateFile);
    const blue = state.instances.blue!;
    const green = await launchInstance({
      color: 'green',
      port: proxy.ports.green,
      release: blue.release,
      logFile: `${proxy.dir}/scoring-green.log`,
      baseEnv: proxy.ctx.instanceEnv,
      proxyHosts: [],
    });
    writeDeployState(proxy.ctx.paths.stateFile, {
      ...state,
      live: 'blue',
      instances: { blue, green },
      switching: { from: 'blue', to: 'green', toward: 'release', pid: 1 },
    });
    await api.setServerState('scoring', 'green', 'ready');
    await api.waitForServer('scoring', 'green', s => isServerUp(s), {
      timeoutMs: 10_000,
      what: 'up',
    });
    if (haproxy === 'blue drained') {
      await api.setServerState('scoring', 'blue', 'drain');
    }
    return green;
  }

  it('rollback reconciles state.json with HAProxy and goes back to blue', async () => {
    await killedMidSwitch('blue drained');
    // HAProxy sends everything to green; state.json still says blue.
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('green');
    expect((await status(proxy.ctx)).problem).toMatch(
      /^state\.json calls blue live, HAProxy sends traffic to green/,
    );

    const result = await rollback(proxy.ctx, { reason: 'test' });

    expect(proxy.lines).toContain(
      '  reconciled with HAProxy: state.json called blue live, HAProxy sends traffic to green; state.json now says green',
    );
    expect(result).toMatchObject({
      outcome: 'succeeded',
      fromColor: 'green',
      toColor: 'blue',
    });
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('blue');
    const state = readDeployState(proxy.ctx.paths.stateFile);
    expect(state.live).toBe('blue');
    expect(state.switching).toBeUndefined();
    expect(state.instances.green).toBeUndefined();
  });

  it('refuses to act with both colours taking traffic and names the one command that settles it', async () => {
    const green = await killedMidSwitch('both ready');
    const before = readDeployState(proxy.ctx.paths.stateFile);

    for (const attempt of [
      () => rollback(proxy.ctx),
      () => deploy(proxy.ctx, { watchSeconds: 0 }),
    ]) {
      const error = await attempt().catch((e: Error) => e);
      expect(error).toBeInstanceOf(LiveColorConflictError);
      expect((error as Error).message).toMatch(
        /^HAProxy sends traffic to both colours \(blue ready and up, green ready and up\): a switch stopped halfway \(from blue to green\) \(the switch was begun by pid 1\); state\.json calls blue live\. Refusing to (roll back|deploy) until one colour takes traffic; nothing was changed\. Recover with: yarn vigil-deploy switch --to blue \(blue was the safe side; --to green keeps green instead\)$/,
      );
    }
    // Nothing moved, nothing was stopped.
    expect(readDeployState(proxy.ctx.paths.stateFile)).toEqual(before);
    expect((await status(proxy.ctx)).proxyLive).toEqual(['blue', 'green']);
    expect((await status(proxy.ctx)).problem).toMatch(
      /deploy and rollback refuse until it is settled with: yarn vigil-deploy switch --to blue/,
    );

    const switched = await switchTo(proxy.ctx, 'blue');

    expect(switched.message).toMatch(/^traffic is on blue \(v.*\) alone/);
    const after = await status(proxy.ctx);
    expect(after.proxyLive).toEqual(['blue']);
    expect(after.problem).toBeUndefined();
    const state = readDeployState(proxy.ctx.paths.stateFile);
    expect(state).toMatchObject({ live: 'blue' });
    expect(state.switching).toBeUndefined();
    expect(state.instances.green).toBeUndefined();
    expect(state.previous).toEqual(before.previous);
    expect(processAlive(green.pid)).toBe(false);
  });

  it('refuses to act with no colour taking traffic while blue runs', async () => {
    await api.setServerState('scoring', 'blue', 'maint');
    const error = await rollback(proxy.ctx).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /^no colour takes traffic in HAProxy \(blue maint and (up|down), green maint and down\) while blue runs: clients get 503 from the proxy; .*Recover with: yarn vigil-deploy switch --to blue/,
    );
    await switchTo(proxy.ctx, 'blue');
    expect((await versionBehind(proxy.frontendUrl)).color).toBe('blue');
  });

  it("records up's instance before it is ready, so down stops it when ./vigil start is interrupted", async () => {
    await down(proxy.ctx);
    const controller = new AbortController();
    const bringingUp = up(proxy.ctx, { signal: controller.signal });
    // Poll state.json as ./vigil start's `down` would find it.
    let pid: number | undefined;
    while (pid === undefined) {
      pid = readDeployState(proxy.ctx.paths.stateFile).instances.blue?.pid;
      if (pid === undefined) await sleep(20);
    }
    // Ctrl-C: ./vigil start runs `down` while `up` is still at work.
    controller.abort();
    await down(proxy.ctx);
    await expect(bringingUp).rejects.toThrow(/interrupted \(Ctrl-C\)|stopped/);

    expect(processAlive(pid)).toBe(false);
    const state = readDeployState(proxy.ctx.paths.stateFile);
    expect(state.instances.blue).toBeUndefined();
    expect(
      Object.values(state.instances).filter(i => i && instanceRunning(i)),
    ).toEqual([]);
  });
});
