// Files in a temporary directory the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeployContext, deployPaths } from './context';
import { down } from './commands/down';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-down-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('down', () => {
  it('interrupts a vigil-deploy up still at work before it looks for instances', async () => {
    const paths = deployPaths(dir);
    fs.mkdirSync(path.dirname(paths.lockFile), { recursive: true });
    // Stands in for `vigil-deploy up`: on Ctrl-C it releases its lock and exits.
    const up = spawn(
      process.execPath,
      [
        '-e',
        `process.on('SIGINT', () => { require('fs').rmSync(${JSON.stringify(
          paths.lockFile,
        )}); process.exit(130); }); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await new Promise(resolve => up.stdout!.once('data', resolve));
    const exited = new Promise(resolve => up.once('exit', resolve));
    fs.writeFileSync(
      paths.lockFile,
      JSON.stringify({ pid: up.pid, command: 'vigil-deploy up', since: 'now' }),
    );
    const lines: string[] = [];
    const ctx: DeployContext = {
      paths,
      socketPath: path.join(dir, 'admin.sock'),
      backend: 'scoring',
      ports: { blue: 1, green: 2 },
      frontendUrl: 'http://127.0.0.1:1',
      entityRef: 'component:default/scoring-api',
      environment: 'test',
      instanceEnv: {},
      log: line => lines.push(line),
    };

    await expect(down(ctx)).resolves.toBe(0);

    await expect(exited).resolves.toBe(130);
    expect(lines).toEqual([
      `- down: interrupting vigil-deploy up (pid ${up.pid})`,
    ]);
    expect(fs.existsSync(paths.lockFile)).toBe(false);
  });
});
