// The Backstage backend of a benchmark: `packages/backend` in dev mode with
// app-config.yaml plus the benchmark's config, on the benchmark's own ports.
import path from 'node:path';
import { root, startLogged, waitFor } from './process.mjs';

/**
 * Starts what `yarn workspace backend start` runs, plus `configFile`;
 * `requires` are preloaded (`--require`), `env` is added to this process's.
 * Output in <work>/backend.log. Returns the child (leader of its process group).
 */
export function startBackend(work, { configFile, requires = [], env } = {}) {
  return startLogged(
    work,
    'backend',
    'yarn',
    [
      'backstage-cli',
      'package',
      'start',
      ...requires.flatMap(file => ['--require', file]),
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      ...(env ? { env: { ...process.env, ...env } } : {}),
    },
  );
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
