// The Backstage backend of a benchmark: `packages/backend` from source with
// app-config.yaml, the loadtest overlay and the benchmark's config, on the
// benchmark's own ports.
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, startLogged, waitFor } from './process.mjs';

const require = createRequire(path.join(root, 'packages/backend/package.json'));

/**
 * The node process `yarn workspace backend start` runs, plus `configFile`,
 * but without the CLI's file watcher: an edit in the repository during a run
 * must not restart the backend under measurement. `requires` are preloaded
 * (`--require`), `env` is added to this process's. Returns `{ command, args,
 * cwd, env }` (env without this process's), as the launcher's Supervisor
 * takes a service (scripts/lib/supervisor.mjs).
 */
export function backendProcess(work, { configFile, requires = [], env } = {}) {
  return {
    command: process.execPath,
    args: [
      '--enable-source-maps',
      // VIGIL_PROFILE_BACKEND=1: a CPU profile in <work>/profile, written
      // when the backend stops (SIGTERM shuts it down cleanly).
      ...(process.env.VIGIL_PROFILE_BACKEND
        ? ['--cpu-prof', `--cpu-prof-dir=${path.join(work, 'profile')}`]
        : []),
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      ...requires.flatMap(file => ['--require', file]),
      'src/index',
      '--config',
      '../../app-config.yaml',
      // Loopback exempt from the rate limits again (see the file).
      '--config',
      path.join(root, 'loadtest/lib/app-config.loadtest.yaml'),
      '--config',
      configFile,
    ],
    cwd: path.join(root, 'packages/backend'),
    // As the CLI runs it: development mode (the guest sign-in the
    // benchmarks use exists only there).
    env: { NODE_ENV: 'development', ...env },
  };
}

/**
 * Starts backendProcess(work, options), output in <work>/backend.log.
 * Returns the child (leader of its process group).
 */
export function startBackend(work, options = {}) {
  const { command, args, cwd, env } = backendProcess(work, options);
  return startLogged(work, 'backend', command, args, {
    cwd,
    env: { ...process.env, ...env },
  });
}

/**
 * Waits for the backend at `base` to be ready, then for a guest token;
 * returns it and the headers that carry it.
 */
export async function waitForBackend(base, { readyTimeoutMs, fail, work }) {
  await waitFor(
    'the backend',
    async () => (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    readyTimeoutMs,
    { fail, work },
  );
  const token = await waitFor(
    'a guest token',
    async () => {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return res.ok ? (await res.json()).backstageIdentity.token : undefined;
    },
    60_000,
    { fail, work },
  );
  return { token, headers: { authorization: `Bearer ${token}` } };
}
