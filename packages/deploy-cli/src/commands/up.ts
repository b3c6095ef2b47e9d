import type { DeployContext } from '../context';
import type { HaproxyRuntimeApi } from '../haproxy/RuntimeApi';
import { markedSwitch } from '../haproxy/markedSwitch';
import { runtimeApiOf } from '../haproxy/runtimeApiOf';
import { launchInstance } from '../instances/InstanceLauncher';
import { frontendHosts, logFileOf } from '../instances/instanceSetup';
import {
  instanceRunning,
  stopRecordedInstance,
} from '../instances/ownedProcess';
import { retireColor } from '../instances/retireColor';
import { buildRelease } from '../release/buildRelease';
import { acquireDeployLock } from '../state/deployLock';
import {
  BuiltRelease,
  DeployState,
  InstanceRecord,
  readDeployState,
} from '../state/deployState';
import { saveState } from '../state/saveState';

export interface UpOptions {
  waitForProxyMs?: number;
  signal?: AbortSignal;
}

/**
 * Brings the scoring API up behind HAProxy as ./vigil start does: stops
 * instances a previous run left, builds the working tree, starts it as blue
 * and makes blue live. Not recorded as a deploy.
 *
 * Blue is in state.json from the moment its process exists, before it is
 * ready: `./vigil start` stopped by Ctrl-C runs `vigil-deploy down` while
 * `up` may still be waiting, and `down` must find it. Aborting `signal`
 * (Ctrl-C) stops what `up` started and forgets it.
 */
export async function up(
  ctx: DeployContext,
  options: UpOptions = {},
): Promise<InstanceRecord> {
  const unlock = acquireDeployLock(ctx.paths.lockFile, 'vigil-deploy up');
  try {
    const api = runtimeApiOf(ctx);
    await waitForProxy(ctx, api, options);
    const state = readDeployState(ctx.paths.stateFile);
    for (const color of ['blue', 'green'] as const) {
      if (state.instances[color]) {
        ctx.log(`- up: stopping ${color} left by an earlier run`);
        await retireColor(ctx, state, color);
      }
    }
    await api.setServerState(ctx.backend, 'green', 'maint');
    await api.setServerState(ctx.backend, 'blue', 'maint');
    ctx.log('- up: building the working tree');
    const release = await buildRelease({
      root: ctx.paths.root,
      releasesDir: ctx.paths.releasesDir,
    });
    checkInterrupted(options.signal, 'after the build; nothing was started');
    return await startBlue(ctx, api, state, release, options.signal);
  } finally {
    unlock();
  }
}

function checkInterrupted(signal: AbortSignal | undefined, where: string) {
  if (signal?.aborted) {
    throw new Error(`up: interrupted (Ctrl-C) ${where}`);
  }
}

/** ./vigil start runs `up` while HAProxy is still starting: give it time. */
async function waitForProxy(
  ctx: DeployContext,
  api: HaproxyRuntimeApi,
  options: UpOptions,
): Promise<void> {
  const deadline = Date.now() + (options.waitForProxyMs ?? 30_000);
  for (;;) {
    checkInterrupted(
      options.signal,
      'while waiting for HAProxy; nothing was started',
    );
    try {
      await api.serversState(ctx.backend);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

/** Starts the release as blue and gives blue all traffic. */
async function startBlue(
  ctx: DeployContext,
  api: HaproxyRuntimeApi,
  state: DeployState,
  release: BuiltRelease,
  signal: AbortSignal | undefined,
): Promise<InstanceRecord> {
  ctx.log(
    `- up: starting v${release.version} as blue on port ${ctx.ports.blue}`,
  );
  let spawned: InstanceRecord | undefined;
  try {
    const instance = await launchInstance({
      color: 'blue',
      port: ctx.ports.blue,
      release,
      logFile: logFileOf(ctx, 'blue'),
      baseEnv: ctx.instanceEnv,
      proxyHosts: frontendHosts(ctx),
      onSpawned: started => {
        spawned = started;
        state.instances.blue = started;
        saveState(ctx, state);
        ctx.log(`  blue started (pid ${started.pid}), waiting for /readyz`);
      },
      signal,
    });
    state.instances.blue = instance;
    saveState(ctx, state);
    checkInterrupted(signal, 'before blue took traffic; blue was stopped');
    await markedSwitch(ctx, api, state, { to: 'blue', toward: 'restore' });
    ctx.log(
      `- up: blue (v${release.version}) is live behind ${ctx.frontendUrl}`,
    );
    return instance;
  } catch (error) {
    // Interrupted, or an instance that never got ready (launchInstance
    // stopped it): nothing of it may stay behind, in state.json or running.
    if (spawned && (signal?.aborted || !instanceRunning(spawned))) {
      await stopRecordedInstance(spawned);
      delete state.instances.blue;
      delete state.switching;
      saveState(ctx, state);
    }
    throw error;
  }
}
