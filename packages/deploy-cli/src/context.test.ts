// Files in a temporary directory the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultDeployContext } from './context';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-context-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const contextOf = (env: NodeJS.ProcessEnv) =>
  defaultDeployContext(root, env, () => {});

function writeSecret(file: string, value: string) {
  fs.mkdirSync(path.join(root, '.data'), { recursive: true });
  fs.writeFileSync(path.join(root, '.data', file), `${value}\n`);
}

describe('defaultDeployContext', () => {
  it("gives the instances ./vigil start's admin token from a plain shell", () => {
    writeSecret('scoring-admin-token', 'from-file');
    writeSecret('deploy-token', 'deploy-from-file');
    const ctx = contextOf({ PATH: '/usr/bin' });
    expect(ctx.instanceEnv).toEqual({
      PATH: '/usr/bin',
      SCORING_LOG_DIR: path.join(root, '.data/logs/json'),
      VIGIL_SCORING_ADMIN_TOKEN: 'from-file',
    });
    expect(ctx.deployToken).toBe('deploy-from-file');
  });

  it.each([
    [{ VIGIL_SCORING_ADMIN_TOKEN: 'from-env' }],
    [{ SCORING_ADMIN_TOKEN: 'older-name' }],
  ])('keeps a token the environment sets (%j)', env => {
    writeSecret('scoring-admin-token', 'from-file');
    expect(contextOf(env).instanceEnv).toEqual({
      ...env,
      SCORING_LOG_DIR: path.join(root, '.data/logs/json'),
    });
  });

  it("keeps the environment's log directory (the launcher's)", () => {
    const env = { SCORING_LOG_DIR: '/var/log/vigil' };
    expect(contextOf(env).instanceEnv).toEqual(env);
  });

  it('prefers the environment for the deploy token', () => {
    writeSecret('deploy-token', 'deploy-from-file');
    expect(contextOf({ VIGIL_DEPLOY_TOKEN: 'env' }).deployToken).toBe('env');
  });

  it('starts instances without a token when there is none anywhere', () => {
    writeSecret('scoring-admin-token', '  ');
    const ctx = contextOf({});
    expect(ctx.instanceEnv).toEqual({
      SCORING_LOG_DIR: path.join(root, '.data/logs/json'),
    });
    expect(ctx.deployToken).toBeUndefined();
  });
});
