// The parts of `./vigil backup`/`restore` that need no PostgreSQL: options,
// the connection from app-config.production.yaml's variables, and the
// manifest check that runs before a restore touches anything. The real
// backup and restore run in plugins/incidents-backend/src/database/
// backupRestore.test.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  BackupError,
  DEFAULT_PREFIX,
  configuredPrefix,
  connectionFromEnv,
  parseArgs,
  readAndVerifyManifest,
} from '../lib/pg-backup.mjs';

test('parses values, flags and positionals', () => {
  const spec = { values: ['prefix', 'out'], flags: ['force'] };
  assert.deepEqual(
    parseArgs(['dir', '--prefix', 'p_', '--out=a=b', '--force'], spec),
    { _: ['dir'], prefix: 'p_', out: 'a=b', force: true },
  );
  assert.throws(() => parseArgs(['--bogus'], spec), /unknown option --bogus/);
  assert.throws(() => parseArgs(['--prefix'], spec), /--prefix needs a value/);
  assert.throws(() => parseArgs(['--force=yes'], spec), /unknown option/);
});

test('connects as app-config.production.yaml does, without leaking the password', () => {
  const c = connectionFromEnv({
    POSTGRES_HOST: 'db.internal',
    POSTGRES_PORT: '6432',
    POSTGRES_USER: 'vigil',
    POSTGRES_PASSWORD: 's3cret',
    PGSSLMODE: 'verify-full',
  });
  assert.equal(c.label, 'vigil@db.internal:6432');
  assert.deepEqual(
    [c.env.PGHOST, c.env.PGPORT, c.env.PGUSER, c.env.PGPASSWORD],
    ['db.internal', '6432', 'vigil', 's3cret'],
  );
  assert.equal(c.env.PGSSLMODE, 'verify-full');
  assert.equal(c.env.PGDATABASE, 'postgres');
  assert.ok(!c.label.includes('s3cret'));
  const defaults = connectionFromEnv({});
  assert.equal(defaults.label, 'postgres@127.0.0.1:5432');
  assert.equal(defaults.env.PGPASSWORD, undefined);
});

test('takes the prefix from app-config.production.yaml when it sets one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-prefix-'));
  try {
    assert.equal(configuredPrefix(dir), DEFAULT_PREFIX);
    const write = prefix =>
      fs.writeFileSync(
        path.join(dir, 'app-config.production.yaml'),
        `backend:\n  database:\n    client: pg\n    prefix: ${prefix}\n`,
      );
    write('vigil_');
    assert.equal(configuredPrefix(dir), 'vigil_');
    write('${VIGIL_DB_PREFIX}');
    assert.equal(configuredPrefix(dir), DEFAULT_PREFIX);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A backup directory with one dump; `edit` changes its manifest. */
function backupDir(edit = m => m) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-manifest-'));
  const dump = Buffer.from('PGDMP fake dump');
  fs.writeFileSync(path.join(dir, 'incidents.dump'), dump);
  const manifest = {
    format: 'vigil-backup/1',
    prefix: 'backstage_plugin_',
    databases: [
      {
        name: 'backstage_plugin_incidents',
        plugin: 'incidents',
        file: 'incidents.dump',
        bytes: dump.length,
        sha256: crypto.createHash('sha256').update(dump).digest('hex'),
      },
    ],
  };
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(edit(manifest)),
  );
  return dir;
}

test('accepts a backup whose dumps match the manifest', t => {
  const dir = backupDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(readAndVerifyManifest(dir).databases.length, 1);
});

const refusals = [
  [
    'no manifest',
    dir => fs.rmSync(path.join(dir, 'manifest.json')),
    /not a complete backup/,
  ],
  [
    'a changed dump',
    dir => fs.appendFileSync(path.join(dir, 'incidents.dump'), 'x'),
    /has 16 bytes, the manifest says 15/,
  ],
  [
    'a same-size damaged dump',
    dir =>
      fs.writeFileSync(path.join(dir, 'incidents.dump'), 'PGDMP fake dumq'),
    /does not match its sha256/,
  ],
  [
    'a missing dump',
    dir => fs.rmSync(path.join(dir, 'incidents.dump')),
    /incidents.dump is missing/,
  ],
];
for (const [what, damage, message] of refusals) {
  test(`refuses ${what}`, t => {
    const dir = backupDir();
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    damage(dir);
    assert.throws(
      () => readAndVerifyManifest(dir),
      e => e instanceof BackupError && message.test(e.message),
    );
  });
}

const tampered = [
  ['another format', m => ({ ...m, format: 'pg_dumpall' }), /unknown format/],
  ['no databases', m => ({ ...m, databases: [] }), /lists no databases/],
  [
    'a file outside the backup',
    m => ({
      ...m,
      databases: [{ ...m.databases[0], file: '../incidents.dump' }],
    }),
    /malformed entry/,
  ],
  [
    'a plugin id that is not one',
    m => ({ ...m, databases: [{ ...m.databases[0], plugin: 'x"; drop' }] }),
    /malformed entry/,
  ],
  [
    'a name outside the prefix',
    m => ({ ...m, databases: [{ ...m.databases[0], name: 'postgres' }] }),
    /malformed entry/,
  ],
];
for (const [what, edit, message] of tampered) {
  test(`refuses a manifest with ${what}`, t => {
    const dir = backupDir(edit);
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    assert.throws(() => readAndVerifyManifest(dir), message);
  });
}
