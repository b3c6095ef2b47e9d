import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {
  checkLicenses,
  collectProductionPackages,
  expressionAllowed,
  licenseOf,
} from '../license-check.mjs';

const allowed = new Set(['MIT', 'Apache-2.0', 'BSD-3-Clause']);

test('SPDX expressions', () => {
  for (const [expression, expected] of [
    ['MIT', true],
    ['GPL-3.0-only', false],
    ['(MIT OR GPL-3.0-or-later)', true],
    ['(GPL-2.0 OR GPL-3.0)', false],
    ['(MIT AND BSD-3-Clause)', true],
    ['(MIT AND GPL-2.0)', false],
    ['Apache-2.0 AND MIT', true],
    ['(BSD-3-Clause OR GPL-2.0) AND MIT', true],
    ['GPL-2.0 WITH Classpath-exception-2.0', false],
    ['MIT+', true],
    ['', false],
  ]) {
    assert.equal(
      expressionAllowed(expression, allowed),
      expected,
      `${expression} should be ${expected ? 'allowed' : 'refused'}`,
    );
  }
});

test('license fields in their historical shapes', () => {
  assert.equal(licenseOf({ license: 'MIT' }), 'MIT');
  assert.equal(licenseOf({ license: { type: 'ISC' } }), 'ISC');
  assert.equal(
    licenseOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }),
    '(MIT OR Apache-2.0)',
  );
  assert.equal(licenseOf({}), undefined);
});

test('exceptions must match the declared license exactly', () => {
  const allowList = {
    licenses: [...allowed],
    exceptions: {
      quirky: { declared: null, reason: 'LICENSE file is MIT' },
      changed: { declared: 'LGPL-3.0+', reason: 'unmodified library' },
      gone: { declared: 'MIT', reason: 'no longer used' },
    },
  };
  const { problems, unused } = checkLicenses(
    [
      { name: 'ok', version: '1.0.0', license: 'MIT' },
      { name: 'quirky', version: '1.0.0', license: undefined },
      { name: 'changed', version: '2.0.0', license: 'GPL-3.0-only' },
      { name: 'bad', version: '1.0.0', license: 'AGPL-3.0-only', via: 'x' },
      { name: 'none', version: '1.0.0', license: undefined, via: 'y' },
    ],
    allowList,
  );
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(problems.join('\n'), /changed@2.0.0.*review it/);
  assert.match(problems.join('\n'), /bad@1.0.0 \(via x\): "AGPL-3.0-only"/);
  assert.match(problems.join('\n'), /none@1.0.0 \(via y\): no license/);
  assert.deepEqual(unused, ['gone']);
});

test('walks dependencies, not devDependencies, through hoisted node_modules', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'license-check-'));
  const write = (rel, pkg) => {
    fs.mkdirSync(path.join(dir, rel), { recursive: true });
    fs.writeFileSync(path.join(dir, rel, 'package.json'), JSON.stringify(pkg));
  };
  try {
    write('packages/app', {
      name: 'app',
      dependencies: { a: '1', bundler: '1' },
      devDependencies: { dev: '1' },
    });
    write('node_modules/a', {
      name: 'a',
      version: '1.0.0',
      license: 'MIT',
      dependencies: { b: '1' },
      optionalDependencies: { absent: '1' },
    });
    // b is nested under a (two versions in the tree), found from a's folder.
    write('node_modules/a/node_modules/b', {
      name: 'b',
      version: '2.0.0',
      license: 'ISC',
    });
    write('node_modules/dev', { name: 'dev', version: '1.0.0', license: 'X' });
    write('node_modules/bundler', { name: 'bundler', version: '1.0.0' });
    const { packages, missing } = collectProductionPackages(
      [path.join(dir, 'packages/app')],
      { bundler: 'builds the app' },
    );
    assert.deepEqual(
      packages.map(p => `${p.name}@${p.version} ${p.license}`).sort(),
      ['a@1.0.0 MIT', 'b@2.0.0 ISC'],
    );
    assert.deepEqual(missing, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
