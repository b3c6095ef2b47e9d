import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ESLINT_SECURITY_SEVERITY,
  eslintFindings,
  licenseFindings,
  lockfileFindings,
  renderSecurityMarkdown,
  secretlintFindings,
  severityCounts,
  sortFindings,
} from '../lib/security-findings.mjs';

const require = createRequire(import.meta.url);
const { checkSecurityScanReport } = require('../lib/launch-gates-reports.cjs');
const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

test('secretlint: errors are critical, warnings high, never the secret itself', () => {
  const findings = secretlintFindings(
    [
      {
        filePath: '/repo/packages/x/src/a.ts',
        messages: [
          {
            ruleId: '@secretlint/secretlint-rule-aws',
            message: 'found AWS Secret Access Key: ****',
            severity: 'error',
            loc: { start: { line: 3 } },
          },
          {
            ruleId: '@secretlint/secretlint-rule-basicauth',
            message: 'found basic auth credential: ****',
            severity: 'warning',
          },
        ],
      },
      { filePath: '/repo/packages/x/README.md', messages: [] },
    ],
    '/repo',
  );
  assert.deepEqual(findings, [
    {
      scanner: 'secretlint',
      severity: 'critical',
      title:
        '@secretlint/secretlint-rule-aws: found AWS Secret Access Key: ****',
      location: 'packages/x/src/a.ts:3',
    },
    {
      scanner: 'secretlint',
      severity: 'high',
      title:
        '@secretlint/secretlint-rule-basicauth: found basic auth credential: ****',
      location: 'packages/x/src/a.ts',
    },
  ]);
});

test('eslint: security rules by the table, suppressed ones as info, other rules left out', () => {
  for (const [rule, severity] of [
    ['security/detect-eval-with-expression', 'high'],
    ['security/detect-unsafe-regex', 'high'],
    ['security/detect-child-process', 'high'],
    ['security/detect-non-literal-fs-filename', 'medium'],
    ['security/detect-possible-timing-attacks', 'medium'],
    ['security/a-rule-added-later', 'medium'],
  ]) {
    const { findings } = eslintFindings(
      [
        {
          filePath: '/repo/src/a.ts',
          messages: [{ ruleId: rule, message: 'm', line: 7 }],
        },
      ],
      '/repo',
    );
    assert.equal(findings[0].severity, severity, rule);
    assert.equal(findings[0].location, 'src/a.ts:7');
  }
  const { findings, unparsed } = eslintFindings(
    [
      {
        filePath: '/repo/src/a.ts',
        messages: [
          { ruleId: 'no-console', message: 'Unexpected console', line: 1 },
          { ruleId: null, fatal: true, message: 'Parsing error: x' },
        ],
        suppressedMessages: [
          {
            ruleId: 'security/detect-non-literal-fs-filename',
            message: 'Found readFileSync',
            line: 9,
          },
          { ruleId: 'no-console', message: 'suppressed lint', line: 2 },
        ],
      },
    ],
    '/repo',
  );
  assert.deepEqual(findings, [
    {
      scanner: 'eslint-plugin-security',
      severity: 'info',
      title:
        'security/detect-non-literal-fs-filename (suppressed in the source): Found readFileSync',
      location: 'src/a.ts:9',
    },
  ]);
  assert.deepEqual(unparsed, ['src/a.ts: Parsing error: x']);
});

test('every rule of eslint-plugin-security has a severity', () => {
  const security = require('eslint-plugin-security');
  const rules = Object.keys(security.rules).map(r => `security/${r}`);
  assert.deepEqual(
    rules.filter(r => !(r in ESLINT_SECURITY_SEVERITY)),
    [],
  );
});

test('license problems and lockfile problems are high', () => {
  assert.deepEqual(
    licenseFindings([
      'left-pad@1.0.0 (via x): "WTFPL" is not on the allow-list',
    ]),
    [
      {
        scanner: 'license-check',
        severity: 'high',
        title: 'left-pad@1.0.0 (via x): "WTFPL" is not on the allow-list',
        location: 'production dependencies',
      },
    ],
  );
  // lockfile-lint's own output for a package from a foreign host with a sha1.
  const output = `detected invalid host(s) for package: foo@^1.0.0
    expected: registry.npmjs.org,registry.yarnpkg.com
    actual: evil.example.com

detected invalid integrity hash type for package: foo@^1.0.0
    expected: sha512
    actual: sha1-abc

\u001b[31m ✖ Error: security issues detected! \n\u001b[0m`;
  assert.deepEqual(
    lockfileFindings(output).map(f => [f.severity, f.title]),
    [
      [
        'high',
        'detected invalid host(s) for package: foo@^1.0.0; expected: registry.npmjs.org,registry.yarnpkg.com; actual: evil.example.com',
      ],
      [
        'high',
        'detected invalid integrity hash type for package: foo@^1.0.0; expected: sha512; actual: sha1-abc',
      ],
    ],
  );
  assert.deepEqual(lockfileFindings(' ✔ No issues detected'), []);
});

test('findings sort by severity and count per severity', () => {
  const findings = [
    { scanner: 'b', severity: 'info', title: 'i' },
    { scanner: 'a', severity: 'critical', title: 'c' },
    { scanner: 'a', severity: 'medium', title: 'm' },
    { scanner: 'a', severity: 'high', title: 'h' },
  ];
  assert.deepEqual(
    sortFindings(findings).map(f => f.severity),
    ['critical', 'high', 'medium', 'info'],
  );
  assert.deepEqual(severityCounts(findings), {
    critical: 1,
    high: 1,
    medium: 1,
    low: 0,
    info: 1,
  });
});

test('the report matches the launch gates schema and renders', () => {
  const report = checkSecurityScanReport({
    schemaVersion: 1,
    kind: 'security-scan',
    entityRef: 'component:default/scoring-api',
    ranAt: '2026-12-01T09:00:00.000Z',
    scanners: [
      { name: 'secretlint', version: '13.0.6', completed: true },
      { name: 'lockfile-lint', completed: false, error: 'exited 2 | boom' },
    ],
    findings: licenseFindings(['x: "WTFPL" is not on the allow-list']),
  });
  const markdown = renderSecurityMarkdown(report, {
    secretlint: '18 files under packages/scoring-api',
  });
  assert.match(
    markdown,
    /0 critical, 1 high, 0 medium, 0 low, 0 info; \*\*incomplete\*\*: lockfile-lint/,
  );
  // Table cells are padded to line up (as Prettier lays tables out).
  const rows = markdown
    .split('\n')
    .filter(line => line.startsWith('|'))
    .map(line => line.replace(/ {2,}/g, ' '));
  assert.ok(
    rows.includes(
      '| secretlint | 13.0.6 | 18 files under packages/scoring-api | yes | |',
    ),
    rows.join('\n'),
  );
  assert.ok(
    rows.includes('| lockfile-lint | | | NO | exited 2 \\| boom |'),
    rows.join('\n'),
  );
  assert.throws(
    () => checkSecurityScanReport({ ...report, scanners: [] }),
    /scanners: Array must contain at least 1 element/,
  );
  assert.throws(
    () =>
      checkSecurityScanReport({
        ...report,
        findings: [{ scanner: 'x', severity: 'severe', title: 't' }],
      }),
    /findings\.0\.severity/,
  );
});

test('a real scan of the scoring API writes a valid report pair', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'security-scan-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        'scripts/security-scan.mjs',
        '--entity',
        'component:default/scoring-api',
        '--package',
        'packages/scoring-api',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    const files = fs.readdirSync(out).sort();
    assert.equal(files.length, 2);
    assert.match(files[0], /^\d{8}T\d{6}Z-scoring-api\.json$/);
    const report = checkSecurityScanReport(
      JSON.parse(fs.readFileSync(path.join(out, files[0]), 'utf8')),
    );
    assert.deepEqual(
      report.scanners.map(s => [s.name, s.completed]),
      [
        ['secretlint', true],
        ['eslint-plugin-security', true],
        ['license-check', true],
        ['lockfile-lint', true],
      ],
    );
    assert.match(
      fs.readFileSync(path.join(out, files[1]), 'utf8'),
      /^# Security scan /,
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('bad flags exit 2', () => {
  for (const args of [
    ['--package', 'packages/scoring-api'],
    ['--entity', 'component:default/x', '--package', '../etc'],
    ['--entity', 'component:default/x', '--package', 'packages/nope'],
    ['--entity', 'component:default/x', '--bogus'],
  ]) {
    const result = spawnSync(
      process.execPath,
      ['scripts/security-scan.mjs', ...args],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
  }
});
