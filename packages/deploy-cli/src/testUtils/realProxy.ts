import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DeployContext, deployPaths } from '../context';
import { HaproxyRuntimeApi } from '../haproxy/RuntimeApi';
import { HaproxyPorts, renderHaproxyConfig } from '../haproxy/renderConfig';

// Its own scratch directory and the repository's files only.
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * The repository root: tests run from the sources, so this file is
 * packages/deploy-cli/src/testUtils/ (never part of a build).
 */
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A port nothing listens on now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RealProxy {
  ctx: DeployContext;
  ports: HaproxyPorts;
  dir: string;
  frontendUrl: string;
  /** Progress lines the deploys logged. */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * A real HAProxy with ops/haproxy/haproxy.cfg on free ports and a scratch
 * data directory, and the deploy context that drives it (no Prometheus, no
 * portal unless given). For tests, drills and benchmarks beside a running
 * platform. Throws a clear error when haproxy is not installed.
 */
export async function startRealProxy(
  options: {
    instanceEnv?: NodeJS.ProcessEnv;
    prometheusUrl?: string;
    backendUrl?: string;
  } = {},
): Promise<RealProxy> {
  if (spawnSync('sh', ['-c', 'command -v haproxy']).status !== 0) {
    throw new Error(
      "haproxy is not installed: these tests run a real HAProxy (apt-get install haproxy; CI's .ci/run installs it)",
    );
  }
  // Short path: unix socket paths are limited to about 100 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-deploy-'));
  const ports: HaproxyPorts = {
    frontend: await freePort(),
    blue: await freePort(),
    green: await freePort(),
    stats: await freePort(),
  };
  const socketPath = path.join(dir, 'admin.sock');
  const template = fs.readFileSync(
    path.join(REPO_ROOT, 'ops', 'haproxy', 'haproxy.cfg'),
    'utf8',
  );
  const configFile = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(
    configFile,
    renderHaproxyConfig(template, ports, socketPath),
  );
  const logFile = path.join(dir, 'haproxy.log');
  const out = fs.openSync(logFile, 'w');
  const haproxy: ChildProcess = spawn('haproxy', ['-db', '-f', configFile], {
    cwd: dir,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const lines: string[] = [];
  const ctx: DeployContext = {
    paths: { ...deployPaths(dir), root: REPO_ROOT },
    socketPath,
    backend: 'scoring',
    ports: { blue: ports.blue, green: ports.green },
    frontendUrl: `http://127.0.0.1:${ports.frontend}`,
    prometheusUrl: options.prometheusUrl,
    backendUrl: options.backendUrl,
    entityRef: 'component:default/scoring-api',
    environment: 'test',
    instanceEnv: {
      PATH: process.env.PATH,
      SCORING_REDIS_URL: 'none',
      LOG_LEVEL: 'warn',
      ...options.instanceEnv,
    },
    log: line => lines.push(line),
  };
  const api = new HaproxyRuntimeApi(socketPath);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await api.serversState('scoring');
      break;
    } catch (error) {
      if (haproxy.exitCode !== null || Date.now() > deadline) {
        haproxy.kill('SIGKILL');
        throw new Error(
          `HAProxy did not start: ${fs
            .readFileSync(logFile, 'utf8')
            .slice(-800)}`,
        );
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
  return {
    ctx,
    ports,
    dir,
    frontendUrl: ctx.frontendUrl,
    lines,
    stop: async () => {
      if (haproxy.exitCode === null) {
        const exited = new Promise(r => haproxy.once('exit', r));
        haproxy.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SteadyLoad {
  /** Stops and resolves with the counts. */
  stop(): Promise<{ total: number; failed: number; failures: string[] }>;
}

/**
 * Scoring requests through the proxy from a few keep-alive clients, one
 * after the other per client, counting every answer that is not a 200.
 */
export function steadyLoad(baseUrl: string, clients = 4): SteadyLoad {
  let running = true;
  let total = 0;
  const failures: string[] = [];
  const loops = Array.from({ length: clients }, async (_, client) => {
    let i = 0;
    while (running) {
      i += 1;
      total += 1;
      try {
        const res = await fetch(`${baseUrl}/v1/score`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            customerId: `c-${String(((client * 97 + i) % 1000) + 1).padStart(
              5,
              '0',
            )}`,
            amount: 10 + (i % 50),
            currency: 'EUR',
          }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`HTTP ${res.status}`);
      } catch (error) {
        failures.push(
          ((error as Error).cause as Error | undefined)?.message ??
            (error as Error).message,
        );
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { total, failed: failures.length, failures };
    },
  };
}

/** What the proxy's address says it is (GET /version). */
export async function versionBehind(
  baseUrl: string,
): Promise<{ version: string; color: string }> {
  const res = await fetch(`${baseUrl}/version`);
  return (await res.json()) as { version: string; color: string };
}
