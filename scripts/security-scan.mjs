// Scans one service's package with the repository's own scanners and writes
// the launch gates' evidence: validation/security/<YYYYMMDDTHHMMSSZ>-<entity
// name>.{json,md} in the schema the security-scan check reads
// (securityScanReportSchema; validation/security/README.md documents the
// fields and the severity mapping).
//   node scripts/security-scan.mjs --entity component:default/scoring-api \
//     --package packages/scoring-api [--out validation/security]
// Scanners: secretlint over the package's files, ESLint with
// eslint-plugin-security over its sources, the license check of its
// production dependencies, lockfile-lint on yarn.lock. A scanner that cannot
// run is recorded as not completed (the check then fails), never skipped.
// Exit code 0 when the report was written (whatever it found), 1 when it
// could not be, 2 on bad flags.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkLicenses, collectProductionPackages } from './license-check.mjs';
import {
  compactTimestamp,
  eslintFindings,
  licenseFindings,
  lockfileFindings,
  renderSecurityMarkdown,
  secretlintFindings,
  sortFindings,
} from './lib/security-findings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = name => path.join(root, 'node_modules', '.bin', name);

/** The installed version of an npm package, or undefined. */
function versionOf(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

const firstLine = text =>
  (text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .trim()
    .split('\n')[0] ?? '';

/** One scanner: its findings, or why it did not complete. */
function scan(name, version, body) {
  try {
    const { findings, error, covered } = body();
    return {
      covered,
      scanner: {
        name,
        ...(version ? { version } : {}),
        completed: !error,
        ...(error ? { error: error.slice(0, 1000) } : {}),
      },
      findings,
    };
  } catch (error) {
    return {
      scanner: {
        name,
        ...(version ? { version } : {}),
        completed: false,
        error: String(error.message ?? error).slice(0, 1000),
      },
      findings: [],
    };
  }
}

function scanSecrets(packageDir) {
  const listed = run('git', [
    'ls-files',
    '-co',
    '--exclude-standard',
    '-z',
    '--',
    packageDir,
  ]);
  if (listed.status !== 0) throw new Error(firstLine(listed.stderr));
  const files = listed.stdout.split('\0').filter(Boolean);
  if (files.length === 0)
    return { findings: [], error: `no files under ${packageDir}` };
  const result = run(bin('secretlint'), [
    '--format',
    'json',
    '--maskSecrets',
    '--no-color',
    ...files,
  ]);
  // 0: nothing found, 1: findings; anything else is secretlint failing.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `secretlint exited ${result.status}: ${firstLine(result.stderr)}`,
    );
  }
  return {
    findings: secretlintFindings(JSON.parse(result.stdout), root),
    covered: `${files.length} files under ${packageDir}`,
  };
}

function scanSources(packageDir) {
  const src = path.join(packageDir, 'src');
  const target = fs.existsSync(path.join(root, src)) ? src : packageDir;
  const result = run(bin('eslint'), ['--format', 'json', target]);
  // 0: clean, 1: lint errors; 2: ESLint itself failed (config, crash).
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `eslint exited ${result.status}: ${firstLine(result.stderr)}`,
    );
  }
  const files = JSON.parse(result.stdout);
  const { findings, unparsed } = eslintFindings(files, root);
  return {
    findings,
    covered: `${files.length} files under ${target}`,
    error: unparsed.length
      ? `could not parse ${unparsed.length} file(s): ${unparsed
          .slice(0, 3)
          .join('; ')}`
      : undefined,
  };
}

function scanLicenses(packageDir) {
  const allowListFile = path.join(root, 'scripts/license-allowlist.json');
  const allowList = JSON.parse(fs.readFileSync(allowListFile, 'utf8'));
  const { packages, missing } = collectProductionPackages(
    [path.join(root, packageDir)],
    allowList.buildOnly,
  );
  const { problems } = checkLicenses(packages, allowList);
  return {
    findings: licenseFindings(problems),
    covered: `${packages.length} production dependencies of ${packageDir}`,
    error: missing.length
      ? `not installed, so not checked: ${missing
          .slice(0, 5)
          .join(', ')} (run yarn install)`
      : undefined,
  };
}

function scanLockfile() {
  // The same rules as ./vigil test (scripts/test.sh lockfile_lint).
  const result = run(bin('lockfile-lint'), [
    '--path',
    'yarn.lock',
    '--type',
    'yarn',
    '--allowed-hosts',
    'npm',
    'yarn',
    '--allowed-schemes',
    'npm:',
    'workspace:',
    'patch:',
    'link:',
    'https:',
    '--validate-package-names',
    '--validate-integrity',
  ]);
  const output = `${result.stdout}\n${result.stderr}`;
  const findings = lockfileFindings(output);
  if (result.status !== 0 && findings.length === 0) {
    throw new Error(
      `lockfile-lint exited ${result.status}: ${firstLine(output)}`,
    );
  }
  const entries = (
    fs
      .readFileSync(path.join(root, 'yarn.lock'), 'utf8')
      .match(/^"?[^\s#].*:$/gm) ?? []
  ).length;
  return { findings, covered: `yarn.lock, ${entries} entries` };
}

function allowListVersion() {
  const hash = crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(root, 'scripts/license-allowlist.json')))
    .digest('hex');
  return `allow-list sha256 ${hash.slice(0, 12)}`;
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        entity: { type: 'string' },
        package: { type: 'string' },
        out: { type: 'string', default: 'validation/security' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`security-scan: ${error.message}`);
    process.exit(2);
  }
  const entityRef = values.entity ?? '';
  const packageDir = path.normalize(values.package ?? '');
  if (!/^[a-z0-9._-]+:[a-z0-9._-]+\/[a-zA-Z0-9._-]+$/i.test(entityRef)) {
    console.error(
      'security-scan: --entity needs a full entity ref, kind:namespace/name',
    );
    process.exit(2);
  }
  if (
    !values.package ||
    packageDir.startsWith('..') ||
    path.isAbsolute(packageDir) ||
    !fs.existsSync(path.join(root, packageDir, 'package.json'))
  ) {
    console.error(
      `security-scan: --package needs a package directory of this repository (with a package.json), not "${
        values.package ?? ''
      }"`,
    );
    process.exit(2);
  }

  const ranAt = new Date().toISOString();
  const results = [
    scan('secretlint', versionOf('secretlint'), () => scanSecrets(packageDir)),
    scan('eslint-plugin-security', versionOf('eslint-plugin-security'), () =>
      scanSources(packageDir),
    ),
    scan('license-check', allowListVersion(), () => scanLicenses(packageDir)),
    scan('lockfile-lint', versionOf('lockfile-lint'), () => scanLockfile()),
  ];
  const head = run('git', ['rev-parse', 'HEAD']);
  const commit = head.status === 0 ? head.stdout.trim() : undefined;
  const { checkSecurityScanReport } = require('./lib/launch-gates-reports.cjs');
  const report = checkSecurityScanReport({
    schemaVersion: 1,
    kind: 'security-scan',
    entityRef,
    ranAt,
    scanners: results.map(r => r.scanner),
    findings: sortFindings(results.flatMap(r => r.findings)),
    ...(commit ? { commit } : {}),
  });

  const dir = path.resolve(root, values.out);
  const name = entityRef.slice(entityRef.lastIndexOf('/') + 1);
  const base = path.join(dir, `${compactTimestamp(ranAt)}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`, {
    flag: 'wx',
  });
  fs.writeFileSync(
    `${base}.md`,
    renderSecurityMarkdown(
      report,
      Object.fromEntries(results.map(r => [r.scanner.name, r.covered])),
    ),
    {
      flag: 'wx',
    },
  );
  for (const s of report.scanners) {
    const count = results.find(r => r.scanner.name === s.name).findings.length;
    console.log(
      `${s.name}: ${
        s.completed ? `${count} finding(s)` : `NOT COMPLETED: ${s.error}`
      }`,
    );
  }
  console.log(`${path.relative(root, base)}.{json,md}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
