import fs from 'node:fs';
import path from 'node:path';
import type { GatesContext } from './cliIo';

/**
 * The token ./vigil start generated into .data/launch-gates-token (it
 * exports the same value as VIGIL_LAUNCH_GATES_TOKEN to what it starts; a
 * plain shell has only the file). Undefined when missing or empty.
 */
export function readGatesToken(root: string): string | undefined {
  // A fixed name under the repository's own .data directory.
  const file = path.join(root, '.data', 'launch-gates-token');
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The platform's context: the backend of ./vigil start (VIGIL_BACKEND_URL
 * overrides it) and the token from VIGIL_LAUNCH_GATES_TOKEN, else
 * .data/launch-gates-token.
 */
export function defaultGatesContext(
  root: string,
  env: NodeJS.ProcessEnv,
): GatesContext {
  return {
    root,
    baseUrl: (env.VIGIL_BACKEND_URL || 'http://127.0.0.1:7007').replace(
      /\/+$/,
      '',
    ),
    token: env.VIGIL_LAUNCH_GATES_TOKEN || readGatesToken(root),
  };
}
