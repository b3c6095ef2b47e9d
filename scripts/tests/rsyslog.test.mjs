// The log shipper's config template (ops/rsyslog/vigil.conf) and its
// renderer (scripts/lib/rsyslog.cjs): every value filled, bad values
// refused, the drop-in form for a system rsyslog, and rsyslogd's own check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const {
  logsDatabaseConninfo,
  renderRsyslogConfig,
  writeRsyslogConfig,
} = require('../lib/rsyslog.cjs');
const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

test('the store: VIGIL_LOGS_SHIPPER_CONNINFO, else the logs database on VIGIL_LOGS_DATABASE_URL', () => {
  assert.equal(
    logsDatabaseConninfo({}),
    'postgresql://postgres@127.0.0.1:5432/backstage_plugin_logs',
  );
  assert.equal(
    logsDatabaseConninfo({ VIGIL_LOGS_DATABASE_URL: 'postgresql://u@db:6432' }),
    'postgresql://u@db:6432/backstage_plugin_logs',
  );
  assert.equal(
    logsDatabaseConninfo({ VIGIL_LOGS_DATABASE_URL: 'postgresql://u@db/logs' }),
    'postgresql://u@db/logs',
  );
  assert.equal(
    logsDatabaseConninfo({ VIGIL_LOGS_SHIPPER_CONNINFO: 'host=db dbname=x' }),
    'host=db dbname=x',
  );
});

test('rendering refuses missing values and values that would break the config', () => {
  assert.throws(
    () => renderRsyslogConfig('a="{{X}}"', {}),
    /no value for \{\{X\}\}/,
  );
  for (const bad of ['a"b', 'a\nb', 'a\\b']) {
    assert.throws(
      () => renderRsyslogConfig('a="{{X}}"', { X: bad }),
      /must not contain/,
    );
  }
  assert.equal(renderRsyslogConfig('a="{{X}}"', { X: '/p' }), 'a="/p"');
});

test('the rendered config passes rsyslogd -N1; the drop-in has no global settings', t => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rsyslog-conf-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const conf = writeRsyslogConfig({ root, dataDir: dir, env: {} });
  const text = fs.readFileSync(conf, 'utf8');
  assert.doesNotMatch(text, /\{\{/);
  assert.match(text, new RegExp(`workDirectory="${dir}/rsyslog/work"`));
  assert.ok(fs.existsSync(path.join(dir, 'logs', 'json')));
  const dropIn = writeRsyslogConfig({
    root,
    dataDir: dir,
    env: {},
    standalone: false,
    file: path.join(dir, 'dropin.conf'),
  });
  const dropInText = fs.readFileSync(dropIn, 'utf8');
  assert.doesNotMatch(dropInText, /global\(|omfile|processInternalMessages/);
  assert.match(dropInText, /type="ompgsql"/);
  const check = spawnSync('rsyslogd', ['-N1', '-f', conf], {
    encoding: 'utf8',
  });
  if (check.error?.code === 'ENOENT') {
    t.skip(
      'rsyslogd is not installed (the ops step of ./vigil test requires it)',
    );
    return;
  }
  assert.equal(check.status, 0, check.stderr);
});
