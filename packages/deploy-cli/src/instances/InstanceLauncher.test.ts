import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InstanceRecord } from '../state/deployState';
import { freePort } from '../testUtils/realProxy';
import {
  InstanceStartError,
  instanceEnvironment,
  launchInstance,
  processAlive,
} from './InstanceLauncher';

// Files in a temporary directory the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */

const release = {
  version: '0.1.0+3f2a1bc',
  commit: '3f2a1bc'.padEnd(40, '0'),
  dirty: false,
  sha256: 'ab',
  builtAt: '2026-12-01T10:00:00.000Z',
  bundle: '/r/scoring-api.cjs',
};

describe('instanceEnvironment', () => {
  const base = {
    color: 'green' as const,
    port: 8082,
    release,
    logFile: '/l/scoring-green.log',
    proxyHosts: ['127.0.0.1:8080', 'localhost:8080'],
  };

  it('names the release and colour, keeps secrets, drops inherited faults', () => {
    const env = instanceEnvironment({
      ...base,
      baseEnv: {
        VIGIL_SCORING_ADMIN_TOKEN: 'secret',
        SCORING_FAULTS: '{"errorRate":1}',
        SCORING_FAULTS_AFTER_REQUESTS: '5',
      },
    });
    expect(env).toMatchObject({
      VIGIL_SCORING_ADMIN_TOKEN: 'secret',
      SCORING_HOST: '127.0.0.1',
      SCORING_PORT: '8082',
      SCORING_COLOR: 'green',
      SCORING_VERSION: '0.1.0+3f2a1bc',
      SCORING_COMMIT: release.commit,
      // The proxy's address, as clients send it in Host, is accepted.
      SCORING_ALLOWED_HOSTS:
        'localhost,127.0.0.1,[::1],127.0.0.1:8080,localhost:8080',
    });
    expect(env.SCORING_FAULTS).toBeUndefined();
    expect(env.SCORING_FAULTS_AFTER_REQUESTS).toBeUndefined();
  });

  it("passes a drill's faults and keeps an operator's allowed hosts", () => {
    const env = instanceEnvironment({
      ...base,
      baseEnv: { SCORING_ALLOWED_HOSTS: 'scoring.internal' },
      extraEnv: { SCORING_FAULTS: '{"errorRate":1}' },
    });
    expect(env.SCORING_FAULTS).toBe('{"errorRate":1}');
    expect(env.SCORING_ALLOWED_HOSTS).toBe('scoring.internal');
  });
});

describe('launchInstance', () => {
  let dir: string;
  let neverReady: typeof release;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launch-'));
    // A "release" that starts and never listens: it is never ready.
    const bundle = path.join(dir, 'never-ready.cjs');
    fs.writeFileSync(bundle, 'setInterval(() => {}, 1000);\n');
    neverReady = { ...release, bundle };
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hands the pid over as soon as the process exists, before it is ready', async () => {
    const spawned: Array<{ instance: InstanceRecord; alive: boolean }> = [];
    await expect(
      launchInstance({
        color: 'blue',
        port: await freePort(),
        release: neverReady,
        logFile: path.join(dir, 'scoring-blue.log'),
        baseEnv: { PATH: process.env.PATH },
        proxyHosts: [],
        readyTimeoutMs: 1000,
        onSpawned: instance =>
          spawned.push({ instance, alive: processAlive(instance.pid) }),
      }),
    ).rejects.toThrow(/was not ready at .*\/readyz within 1000 ms/);
    expect(spawned).toHaveLength(1);
    expect(spawned[0]).toMatchObject({
      alive: true,
      instance: { color: 'blue', release: neverReady },
    });
    // One that never got ready is stopped again.
    expect(processAlive(spawned[0].instance.pid)).toBe(false);
  });

  it('stops the instance when interrupted while it starts', async () => {
    const controller = new AbortController();
    let pid = 0;
    const launching = launchInstance({
      color: 'green',
      port: await freePort(),
      release: neverReady,
      logFile: path.join(dir, 'scoring-green.log'),
      baseEnv: { PATH: process.env.PATH },
      proxyHosts: [],
      signal: controller.signal,
      onSpawned: instance => {
        pid = instance.pid;
        controller.abort();
      },
    });
    await expect(launching).rejects.toThrow(InstanceStartError);
    await expect(launching).rejects.toThrow(/interrupted \(Ctrl-C\)/);
    expect(pid).toBeGreaterThan(0);
    expect(processAlive(pid)).toBe(false);
  });
});
