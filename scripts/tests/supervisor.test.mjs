import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  parseSsPids,
  portOwners,
  portTakenMessage,
} from '../lib/port-owner.mjs';
import {
  acquireStartLock,
  alreadyRunningMessage,
  isVigilStart,
} from '../lib/start-lock.mjs';
import {
  backoffDelay,
  defaultPolicy,
  explain,
  Supervisor,
} from '../lib/supervisor.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures/service.mjs');
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function freePort() {
  const server = net.createServer();
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise(r => server.close(r));
  return port;
}

async function until(what, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const alive = pid => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A supervisor with quick timings, its lines captured, stopped after the test. */
function supervisor(t, policy = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-supervisor-'));
  const lines = [];
  const sup = new Supervisor({
    cwd: dir,
    logDir: dir,
    policy: {
      backoffMs: 100,
      maxBackoffMs: 400,
      resetAfterMs: 60_000,
      maxRestarts: 3,
      windowMs: 60_000,
      probeIntervalMs: 100,
      probeTimeoutMs: 200,
      probeFailures: 3,
      readyPollMs: 50,
      readyTimeoutMs: 10_000,
      stopGraceMs: 1000,
      ...policy,
    },
    print: line => lines.push(line),
    printError: line => lines.push(line),
  });
  t.after(async () => {
    await sup.stop(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { sup, lines, dir };
}

async function service(name, env = {}) {
  const port = await freePort();
  return {
    name,
    command: process.execPath,
    args: [fixture],
    env: { PORT: String(port), ...env },
    ports: [port],
    ready: `http://127.0.0.1:${port}/ready`,
  };
}

test('backoff doubles from 1 s and stays at 30 s', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 10].map(n => backoffDelay(n, defaultPolicy)),
    [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000],
  );
});

test('a service killed with SIGKILL is restarted, with a line saying so', async t => {
  const { sup, lines } = supervisor(t);
  const svc = await service('backend');
  assert.equal(await sup.start(svc), true);
  const first = sup.pid('backend');
  process.kill(first, 'SIGKILL');
  await until('the restart', () => sup.pid('backend') !== first);
  await until('ready again', () =>
    lines.some(l => l.includes('backend is ready again after restart 1')),
  );
  assert.equal(sup.restarts('backend'), 1);
  const crash = lines.find(l => l.includes('exited unexpectedly'));
  assert.match(
    crash,
    /^vigil: backend exited unexpectedly \(signal SIGKILL\); restart 1 of 3 within 1 min, in 0\.1 s \(log: backend\.log\)$/,
  );
  assert.ok((await fetch(svc.ready)).ok);
  assert.equal(alive(first), false);
});

test('consecutive crashes back off 1x, 2x, 4x; then it gives up, says why and stops everything', async t => {
  const { sup, lines } = supervisor(t, { maxRestarts: 3 });
  const other = await service('prometheus');
  assert.equal(await sup.start(other), true);
  const otherPid = sup.pid('prometheus');
  const crashes = [];
  sup.on('crash', c => crashes.push(c));
  // Up long enough to be ready, then down each time.
  const svc = await service('backend', {
    FIXTURE_MODE: 'crash',
    CRASH_MS: '300',
  });
  assert.equal(await sup.start(svc), true);
  assert.equal(await sup.done, 1);
  assert.deepEqual(
    crashes.map(c => c.delayMs),
    [100, 200, 400],
  );
  const giveUp = lines.find(l => l.includes('giving up'));
  assert.match(
    giveUp,
    /^vigil: backend exited unexpectedly \(code 1\), 4 times within 1 min; giving up and stopping everything\. Its log says: Error: lost the connection to the database \(fixture\) \(full log: backend\.log\)$/,
  );
  await until('the other service stopped', () => !alive(otherPid));
});

test('a service that stays up past resetAfterMs starts its backoff again', async t => {
  const { sup } = supervisor(t, { resetAfterMs: 300, maxRestarts: 10 });
  const crashes = [];
  sup.on('crash', c => crashes.push(c));
  const svc = await service('backend');
  assert.equal(await sup.start(svc), true);
  for (let i = 0; i < 3; i++) {
    const pid = sup.pid('backend');
    // Killed at once after ready twice, then after a long uptime.
    if (i === 2) await sleep(400);
    process.kill(pid, 'SIGKILL');
    await until('the restart', () => crashes.length === i + 1);
    await until('ready again', async () => {
      try {
        return sup.pid('backend') !== pid && (await fetch(svc.ready)).ok;
      } catch {
        return false;
      }
    });
  }
  assert.deepEqual(
    crashes.map(c => c.delayMs),
    [100, 200, 100],
  );
});

test('a service that crashes a few times and then stays up is kept', async t => {
  const { sup, dir } = supervisor(t);
  const svc = await service('backend', {
    FIXTURE_MODE: 'crash-first-2',
    STARTS_FILE: 'starts',
  });
  svc.env.STARTS_FILE = path.join(dir, 'starts');
  // An earlier run's fatal line (before the restart marker) does not fail the restart.
  svc.fatal = /lost the connection/;
  assert.equal(await sup.start(svc), true);
  await until('two restarts', () => sup.restarts('backend') === 2);
  await until('ready again', async () => {
    try {
      return (await fetch(svc.ready)).ok;
    } catch {
      return false;
    }
  });
  await sleep(300);
  assert.equal(sup.restarts('backend'), 2);
  assert.equal(sup.stopping, false);
  // Both restarts appended to the same log, each after a marker.
  const log = fs.readFileSync(path.join(dir, 'backend.log'), 'utf8');
  assert.equal(log.match(/--- vigil supervisor: restart \d/g).length, 2);
});

test('a ready service that stops answering (SIGSTOP) is killed and restarted', async t => {
  const { sup, lines } = supervisor(t);
  const svc = await service('backend');
  assert.equal(await sup.start(svc), true);
  const pid = sup.pid('backend');
  process.kill(pid, 'SIGSTOP');
  await until('the restart', () => sup.pid('backend') !== pid);
  assert.ok(
    lines.some(l =>
      /backend \(PID \d+\) stopped answering .* \(3 probes 0\.1 s apart\); killing it/.test(
        l,
      ),
    ),
    lines.join('\n'),
  );
  assert.ok(
    lines.some(l => /exited unexpectedly \(hung: stopped answering/.test(l)),
  );
  await until('gone', () => !alive(pid));
});

test('a first start that fails says why and stops everything without restarting', async t => {
  const { sup, lines } = supervisor(t);
  const svc = await service('backend', { FIXTURE_MODE: 'exit-at-once' });
  assert.equal(await sup.start(svc), false);
  assert.equal(await sup.done, 1);
  assert.equal(sup.restarts('backend'), 0);
  assert.match(
    lines.join('\n'),
    /vigil: backend exited during start \(code 3\): Error: invalid configuration value at fixture\.port \(full log: backend\.log\)/,
  );
});

test('a command that cannot run fails its start', async t => {
  const { sup, lines } = supervisor(t);
  const svc = await service('ghost');
  svc.command = '/nonexistent/ghost';
  assert.equal(await sup.start(svc), false);
  assert.match(
    lines.join('\n'),
    /ghost could not be run \(\/nonexistent\/ghost\): failed to run: spawn \/nonexistent\/ghost ENOENT/,
  );
});

test('stop ends every process group: grandchildren too, SIGKILL for one ignoring SIGTERM', async t => {
  const { sup, dir } = supervisor(t, { stopGraceMs: 500 });
  const grandchildFile = path.join(dir, 'grandchild');
  const a = await service('a', { GRANDCHILD_FILE: grandchildFile });
  const b = await service('b', { IGNORE_TERM: '1' });
  assert.deepEqual(await Promise.all([sup.start(a), sup.start(b)]), [
    true,
    true,
  ]);
  const pids = [
    sup.pid('a'),
    sup.pid('b'),
    Number(fs.readFileSync(grandchildFile, 'utf8')),
  ];
  assert.ok(pids.every(alive));
  const started = Date.now();
  assert.equal(await sup.stop(0), 0);
  assert.ok(Date.now() - started >= 400, 'waited for the one ignoring SIGTERM');
  await until('all gone', () => !pids.some(alive), 2000);
  // No restart after a stop.
  await sleep(300);
  assert.equal(sup.restarts('a') + sup.restarts('b'), 0);
});

test('explain picks the last error of the last run, without stack frames or logger tails', t => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-explain-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'backend.log');
  fs.writeFileSync(
    file,
    [
      'Error: an old failure',
      '--- vigil supervisor: restart 1 at 2026-01-01T00:00:00.000Z ---',
      '2026-01-01T00:00:01.000Z backend error Backend failed to start type=plugin stack="x"',
      '    at Object.<anonymous> (src/index.ts:1:1)',
      'shutting down',
    ].join('\n'),
  );
  assert.equal(explain(file), 'backend error Backend failed to start');
  fs.writeFileSync(
    file,
    'Error: an old failure\n--- vigil supervisor: restart 1 at x ---\n',
  );
  assert.equal(explain(file), 'the log is empty');
});

test('the start lock: one holder; a dead, foreign or reused PID is stale', async t => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'vigil-start.pid');

  // A live `node … scripts/start.mjs` holds it.
  const fake = spawn(
    process.execPath,
    ['-e', 'setInterval(() => {}, 1000)', 'scripts/start.mjs'],
    { stdio: 'ignore' },
  );
  t.after(() => fake.kill('SIGKILL'));
  await until('the fake launcher', () => isVigilStart(fake.pid));
  fs.writeFileSync(
    file,
    JSON.stringify({
      pid: fake.pid,
      startedAt: '2026-03-01T10:42:00.000Z',
      portal: 'http://localhost:7007',
    }),
  );
  const refused = acquireStartLock(file);
  assert.equal(refused.holder.pid, fake.pid);
  assert.match(
    alreadyRunningMessage(refused.holder),
    new RegExp(
      `^\\./vigil start is already running \\(PID ${fake.pid} since .+, portal http://localhost:7007\\); stop it first \\(Ctrl-C in its terminal, or 'kill ${fake.pid}'\\)$`,
    ),
  );

  // The same PID but another process start time: reused, stale.
  fs.writeFileSync(file, JSON.stringify({ pid: fake.pid, procStart: '1' }));
  const reused = acquireStartLock(file);
  assert.ok(reused.release);
  reused.release();
  assert.equal(fs.existsSync(file), false);

  // This test runner is alive but no vigil start: stale.
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid }));
  assert.ok(acquireStartLock(file).release);
  // ...and now this process holds it.
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid);

  // A dead PID, or garbage: stale.
  fake.kill('SIGKILL');
  await until('the fake launcher gone', () => !alive(fake.pid));
  for (const content of [JSON.stringify({ pid: fake.pid }), 'garbage']) {
    fs.writeFileSync(file, content);
    const lock = acquireStartLock(file);
    assert.ok(lock.release);
    // Release removes only its own lock.
    fs.writeFileSync(file, JSON.stringify({ pid: 1 }));
    lock.release();
    assert.equal(fs.existsSync(file), true);
  }
});

test('a port held by a stale process is named with its PID, command and how to stop it', async t => {
  assert.deepEqual(
    parseSsPids(
      'LISTEN 0 4096 127.0.0.1:9090 0.0.0.0:* users:(("prometheus",pid=4242,fd=7),("prometheus",pid=4242,fd=8))\n',
    ),
    [4242],
  );
  const svc = await service('stale');
  const child = spawn(svc.command, svc.args, {
    env: { ...process.env, ...svc.env },
    stdio: 'ignore',
    cwd: here,
  });
  t.after(() => child.kill('SIGKILL'));
  await until('listening', async () => {
    try {
      return (await fetch(svc.ready)).ok;
    } catch {
      return false;
    }
  });
  const owners = portOwners(svc.ports[0]);
  if (owners.length === 0) {
    t.skip('ss shows no process here');
    return;
  }
  assert.deepEqual(
    owners.map(o => o.pid),
    [child.pid],
  );
  const message = portTakenMessage(
    svc.ports[0],
    'prometheus',
    owners,
    path.resolve(here, '../..'),
  );
  assert.equal(
    message,
    `port ${svc.ports[0]} (prometheus) is held by PID ${child.pid} (${process.execPath} ${fixture}), started from this repository, probably left over from an earlier ./vigil start; stop it with 'kill ${child.pid}' and run ./vigil start again`,
  );
  assert.match(
    portTakenMessage(9090, 'prometheus', [], '/x'),
    /port 9090 \(prometheus\) is in use by another process; stop it \(see 'ss -ltnp "sport = :9090"'\)/,
  );
});
