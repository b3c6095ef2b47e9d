import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USAGE, runCli } from './cli';
import { DeployContext, deployPaths } from './context';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const context = (): DeployContext => ({
    paths: deployPaths(dir),
    socketPath: path.join(dir, 'admin.sock'),
    backend: 'scoring',
    ports: { blue: 1, green: 2 },
    frontendUrl: 'http://127.0.0.1:1',
    entityRef: 'component:default/scoring-api',
    environment: 'test',
    instanceEnv: {},
    log: line => err.push(`${line}\n`),
  });
  return runCli(argv, {
    stdout: t => out.push(t),
    stderr: t => err.push(t),
    context,
  }).then(code => ({ code, out: out.join(''), err: err.join('') }));
}

describe('vigil-deploy', () => {
  it('prints its usage', async () => {
    await expect(run(['--help'])).resolves.toMatchObject({
      code: 0,
      out: `${USAGE}\n`,
    });
    await expect(run([])).resolves.toMatchObject({ code: 2 });
  });

  it.each([
    [['ship'], 'unknown command "ship"'],
    [
      ['deploy', '--watch', 'soon'],
      '--watch must be whole seconds (0-86400), not "soon"',
    ],
    [['deploy', '--colour', 'green'], "Unknown option '--colour'"],
    [['status', 'extra'], 'Unexpected argument'],
    [['switch'], 'switch needs --to blue or --to green'],
    [
      ['switch', '--to', 'red'],
      'switch needs --to blue or --to green, not "red"',
    ],
  ])('answers %j with a usage error', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('usage: vigil-deploy');
  });

  it('says where HAProxy is missing instead of failing obscurely', async () => {
    const { code, out } = await run(['status']);
    expect(code).toBe(0);
    expect(out).toContain('live: nothing');
    expect(out).toMatch(
      /HAProxy: HAProxy is not running \(no runtime API at .*admin\.sock/,
    );
  });

  it('refuses to deploy when HAProxy cannot move traffic', async () => {
    const { code, err } = await run(['deploy', '--watch', '0']);
    expect(code).toBe(1);
    expect(err).toMatch(/vigil-deploy: HAProxy is not running/);
  });

  it('has nothing to roll back to before the first deploy', async () => {
    const { code, err } = await run(['rollback']);
    expect(code).toBe(1);
    expect(err).toContain('nothing to roll back to');
  });
});
