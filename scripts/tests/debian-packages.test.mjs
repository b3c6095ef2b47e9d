// vigil_ensure_debian_packages (scripts/toolchain.sh): what it runs as root,
// through sudo and as a plain user, with dpkg-query, id, sudo and apt-get
// replaced by recorders on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const toolchain = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../toolchain.sh',
);

/** Runs the function with fake commands; `installed` lists dpkg's packages. */
function run({ uid, installed, sudo = 'none', aptFails = false }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-apt-test-'));
  const bin = path.join(dir, 'bin');
  const calls = path.join(dir, 'calls');
  fs.mkdirSync(bin);
  const fake = (name, body) =>
    fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, {
      mode: 0o755,
    });
  fake('id', `echo ${uid}`);
  fake(
    'dpkg-query',
    `case " ${installed.join(
      ' ',
    )} " in *" \${@: -1} "*) printf 'install ok installed';; *) exit 1;; esac`,
  );
  fake(
    'apt-get',
    `echo "apt-get $*" >>${calls}; ${aptFails ? 'exit 100' : ''}`,
  );
  if (sudo !== 'none') {
    fake(
      'sudo',
      sudo === 'passwordless'
        ? `echo "sudo $1" >>${calls}; shift; [ "$1" = true ] || "$@"`
        : `echo "sudo: a password is required" >&2; exit 1`,
    );
  }
  const result = spawnSync(
    '/bin/bash',
    [
      '-c',
      `source "${toolchain}"; VIGIL_TOOLCHAIN=${dir}/tc; vigil_ensure_debian_packages`,
    ],
    {
      encoding: 'utf8',
      // The recorders shadow the real commands; bash and coreutils stay reachable.
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
    },
  );
  const recorded = fs.existsSync(calls)
    ? fs.readFileSync(calls, 'utf8').trim().split('\n')
    : [];
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls: recorded,
  };
}

const all = [
  'prometheus',
  'prometheus-alertmanager',
  'chromium',
  'mkdocs',
  'mkdocs-material',
  'python3-aiosmtpd',
  'haproxy',
  'postgresql-client-15',
  'rsyslog',
  'rsyslog-pgsql',
  'imagemagick',
];

test('does nothing when every package is installed', () => {
  const r = run({ uid: 1000, installed: all });
  assert.equal(r.status, 0);
  assert.deepEqual(r.calls, []);
});

test('as root it updates the lists and installs only what is missing', () => {
  const r = run({
    uid: 0,
    installed: [
      'chromium',
      'mkdocs',
      'mkdocs-material',
      'python3-aiosmtpd',
      'haproxy',
      'postgresql-client-15',
      'rsyslog',
      'rsyslog-pgsql',
      'imagemagick',
    ],
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.calls, [
    'apt-get update -qq',
    'apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager',
  ]);
  assert.match(
    r.stdout,
    /installing Debian packages prometheus prometheus-alertmanager/,
  );
});

test('a user with passwordless sudo installs through sudo -n', () => {
  const r = run({ uid: 1000, installed: ['prometheus'], sudo: 'passwordless' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.calls.includes('apt-get update -qq'));
  assert.ok(r.calls.every(c => c.startsWith('apt-get') || c === 'sudo -n'));
  assert.ok(
    r.calls.filter(c => c === 'sudo -n').length >= 3,
    r.calls.join('\n'),
  );
});

test('a user who cannot sudo gets the one apt-get line to run', () => {
  const r = run({ uid: 1000, installed: ['chromium'], sudo: 'password' });
  assert.equal(r.status, 1);
  assert.deepEqual(r.calls, []);
  assert.match(
    r.stderr,
    /sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager mkdocs mkdocs-material python3-aiosmtpd haproxy postgresql-client-15 rsyslog rsyslog-pgsql imagemagick\n/,
  );
});

test('a failing apt-get says so and prints the line to run', () => {
  const r = run({ uid: 0, installed: [], aptFails: true });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /apt-get could not install/);
  assert.match(
    r.stderr,
    /sudo apt-get install -y --no-install-recommends prometheus/,
  );
});
