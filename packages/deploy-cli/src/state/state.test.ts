// Files in temporary directories the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeployLockedError, acquireDeployLock } from './deployLock';
import { readDeployState, writeDeployState } from './deployState';
import { scrapeTargetGroups, writeScrapeTargets } from './scrapeTargets';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-state-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the deploy lock', () => {
  it('lets one deploy in at a time and is released', () => {
    const file = path.join(dir, 'deploy.lock');
    const release = acquireDeployLock(file, 'vigil-deploy deploy');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'vigil-deploy deploy',
    });
    release();
    expect(fs.existsSync(file)).toBe(false);
    acquireDeployLock(file, 'vigil-deploy rollback')();
  });

  it('refuses while another running process holds it', () => {
    const file = path.join(dir, 'deploy.lock');
    // The parent (Jest's worker host) is alive for the length of the test.
    fs.writeFileSync(
      file,
      JSON.stringify({
        pid: process.ppid,
        command: 'vigil-deploy deploy',
        since: 'then',
      }),
    );
    expect(() => acquireDeployLock(file, 'vigil-deploy rollback')).toThrow(
      DeployLockedError,
    );
    expect(() => acquireDeployLock(file, 'vigil-deploy rollback')).toThrow(
      `another vigil-deploy is running (vigil-deploy deploy, pid ${process.ppid}, since then)`,
    );
  });

  it.each([
    [
      'a process that is gone',
      JSON.stringify({ pid: 2 ** 22 + 17, command: 'x' }),
    ],
    ['a half-written file', '{"pid":'],
  ])('takes over a lock left by %s', (_name, content) => {
    const file = path.join(dir, 'deploy.lock');
    fs.writeFileSync(file, content);
    const release = acquireDeployLock(file, 'vigil-deploy up');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
  });
});

describe('state.json', () => {
  it('is empty before the first deploy and round-trips', () => {
    const file = path.join(dir, 'deploy', 'state.json');
    expect(readDeployState(file)).toEqual({ instances: {} });
    const release = {
      version: '0.1.0+3f2a1bc',
      commit: '3f2a1bc'.padEnd(40, '0'),
      dirty: false,
      sha256: 'ab',
      builtAt: '2026-12-01T10:00:00.000Z',
      bundle: '/r/scoring-api.cjs',
    };
    writeDeployState(file, {
      live: 'blue',
      instances: {
        blue: {
          color: 'blue',
          pid: 42,
          port: 8081,
          release,
          startedAt: '2026-12-01T10:00:01.000Z',
          logFile: '/l/scoring-blue.log',
        },
      },
      previous: release,
    });
    expect(readDeployState(file)).toMatchObject({
      live: 'blue',
      instances: { blue: { pid: 42 } },
      previous: { version: '0.1.0+3f2a1bc' },
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('refuses a file that is not a deploy state, saying what to do', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, JSON.stringify({ live: 'purple', instances: {} }));
    expect(() => readDeployState(file)).toThrow(
      /is not a deploy state .*vigil-deploy up/,
    );
  });
});

describe('Prometheus scrape targets', () => {
  it('lists each running instance with its colour', () => {
    expect(
      scrapeTargetGroups([
        { color: 'green', port: 8082 },
        { color: 'blue', port: 8081 },
      ]),
    ).toEqual([
      {
        targets: ['127.0.0.1:8081'],
        labels: { service: 'scoring-api', color: 'blue' },
      },
      {
        targets: ['127.0.0.1:8082'],
        labels: { service: 'scoring-api', color: 'green' },
      },
    ]);
  });

  it('writes an empty list when nothing runs', () => {
    const file = path.join(dir, 'targets', 'scoring-api.json');
    writeScrapeTargets(file, []);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
