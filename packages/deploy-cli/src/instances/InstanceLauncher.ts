import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Color } from '@vigil/backstage-plugin-deployments-common';
import type { BuiltRelease, InstanceRecord } from '../state/deployState';

export class InstanceStartError extends Error {}

export interface LaunchOptions {
  color: Color;
  port: number;
  release: BuiltRelease;
  logFile: string;
  /**
   * The environment the instance inherits (the admin token
   * VIGIL_SCORING_ADMIN_TOKEN, which the CLI fills from
   * .data/scoring-admin-token when unset; Redis URL, log level).
   * SCORING_FAULTS* are not inherited: a drill passes them in `extraEnv`.
   */
  baseEnv: NodeJS.ProcessEnv;
  /** Added last: a drill's SCORING_FAULTS, a test's SCORING_REDIS_URL. */
  extraEnv?: Record<string, string>;
  /** Host names clients use through the proxy (SCORING_ALLOWED_HOSTS). */
  proxyHosts: string[];
  readyTimeoutMs?: number;
  /**
   * Called as soon as the process exists, before it is ready: the caller
   * records its pid (state.json), so that a CLI stopped while the instance
   * starts leaves nothing `vigil-deploy down` cannot find.
   */
  onSpawned?: (instance: InstanceRecord) => void;
  /** Aborting while waiting for readiness stops the instance (Ctrl-C). */
  signal?: AbortSignal;
}

/** Whether a process with this pid runs (and we may signal it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Log files are the CLI's own, under .data/logs.
/* eslint-disable security/detect-non-literal-fs-filename */

function lastLogLines(file: string, count = 5): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(l => l.trim())
      .slice(-count)
      .join(' | ')
      .slice(0, 600);
  } catch {
    return 'no log';
  }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The environment of an instance: the CLI's own minus faults, plus the
 * release's identity, its port and colour.
 */
export function instanceEnvironment(options: LaunchOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...options.baseEnv };
  delete env.SCORING_FAULTS;
  delete env.SCORING_FAULTS_AFTER_REQUESTS;
  // Clients reach the instance through the proxy with the proxy's Host
  // header (127.0.0.1:8080); the instance accepts those and its own.
  const allowed =
    env.SCORING_ALLOWED_HOSTS ??
    ['localhost', '127.0.0.1', '[::1]', ...options.proxyHosts].join(',');
  return {
    ...env,
    SCORING_HOST: '127.0.0.1',
    SCORING_PORT: String(options.port),
    SCORING_COLOR: options.color,
    SCORING_VERSION: options.release.version,
    SCORING_COMMIT: options.release.commit,
    SCORING_ALLOWED_HOSTS: allowed,
    ...options.extraEnv,
  };
}

/**
 * Starts a release as one colour, detached (it outlives the CLI), and
 * resolves once its /readyz answers 200. On failure it is stopped and the
 * error carries the end of its log.
 */
export async function launchInstance(
  options: LaunchOptions,
): Promise<InstanceRecord> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [options.release.bundle], {
    detached: true,
    stdio: ['ignore', out, out],
    env: instanceEnvironment(options),
  });
  fs.closeSync(out);
  const pid = child.pid;
  let exitCode: number | null = null;
  child.once('exit', code => {
    exitCode = code ?? -1;
  });
  child.unref();
  if (pid === undefined) {
    throw new InstanceStartError(`could not start node for ${options.color}`);
  }
  const record: InstanceRecord = {
    color: options.color,
    pid,
    port: options.port,
    release: options.release,
    startedAt: new Date().toISOString(),
    logFile: options.logFile,
  };
  options.onSpawned?.(record);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let lastProblem = 'not answering yet';
  while (Date.now() < deadline) {
    if (options.signal?.aborted) {
      await stopInstance(pid, { timeoutMs: 5000 });
      throw new InstanceStartError(
        `${options.color} was stopped while starting: interrupted (Ctrl-C)`,
      );
    }
    if (exitCode !== null) {
      throw new InstanceStartError(
        `${options.color} (v${
          options.release.version
        }) exited with code ${exitCode} while starting: ${lastLogLines(
          options.logFile,
        )}`,
      );
    }
    try {
      const res = await fetch(`${url}/readyz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) return record;
      lastProblem = `/readyz answered ${res.status}`;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stopInstance(pid, { timeoutMs: 5000 });
  throw new InstanceStartError(
    `${options.color} (v${
      options.release.version
    }) was not ready at ${url}/readyz within ${
      options.readyTimeoutMs ?? 30_000
    } ms (${lastProblem}): ${lastLogLines(options.logFile)}`,
  );
}

/**
 * SIGTERM (the instance drains in-flight requests), then waits for it to
 * exit; SIGKILL after the timeout. Resolves true when it had to kill.
 */
export async function stopInstance(
  pid: number,
  options: { timeoutMs?: number } = {},
): Promise<boolean> {
  if (!processAlive(pid)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return false;
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // exited meanwhile
  }
  return true;
}
