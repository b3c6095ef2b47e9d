// The security scan's findings: each scanner's output mapped to the launch
// gates' severities (critical, high, medium, low, info). Pure, so the
// mapping is tested (scripts/tests/security-scan.test.mjs) and documented in
// one place (validation/security/README.md, "Severities").
import { createRequire } from 'node:module';

const { markdownTable } = createRequire(import.meta.url)(
  './markdown-table.cjs',
);

/**
 * eslint-plugin-security rules by severity. High: code execution, ReDoS,
 * hidden source (bidi characters), weak randomness or missing CSRF: each is
 * exploitable as written. Medium: patterns that are dangerous only with
 * untrusted input reaching them (file names, regexps, timing, buffers,
 * object keys). A rule not listed here is medium.
 */
export const ESLINT_SECURITY_SEVERITY = {
  'security/detect-eval-with-expression': 'high',
  'security/detect-child-process': 'high',
  'security/detect-non-literal-require': 'high',
  'security/detect-unsafe-regex': 'high',
  'security/detect-bidi-characters': 'high',
  'security/detect-disable-mustache-escape': 'high',
  'security/detect-no-csrf-before-method-override': 'high',
  'security/detect-pseudoRandomBytes': 'high',
  'security/detect-buffer-noassert': 'medium',
  'security/detect-new-buffer': 'medium',
  'security/detect-non-literal-fs-filename': 'medium',
  'security/detect-non-literal-regexp': 'medium',
  'security/detect-possible-timing-attacks': 'medium',
  'security/detect-object-injection': 'medium',
};

/** secretlint's severities: any secret found is critical unless the rule says it is only a warning. */
export const SECRETLINT_SEVERITY = {
  error: 'critical',
  warning: 'high',
  info: 'low',
};

const relative = (root, file) =>
  file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;

const at = (root, file, line) =>
  `${relative(root, file)}${line ? `:${line}` : ''}`.slice(0, 500);

const clip = text => String(text).replace(/\s+/g, ' ').trim().slice(0, 500);

/**
 * secretlint's `--format json` output (an array of files with messages)
 * as findings. The masked message only: never the secret.
 */
export function secretlintFindings(results, root) {
  return results.flatMap(file =>
    (file.messages ?? []).map(m => ({
      scanner: 'secretlint',
      severity: SECRETLINT_SEVERITY[m.severity] ?? 'critical',
      title: clip(`${m.ruleId}: ${m.message}`),
      location: at(root, file.filePath, m.loc?.start?.line),
    })),
  );
}

/**
 * ESLint's `--format json` output as findings: eslint-plugin-security's
 * reports by ESLINT_SECURITY_SEVERITY; the ones suppressed in the source
 * with an eslint-disable comment (each says why) as info, so a reviewer sees
 * them; other rules are lint, not security, and are left out. A file ESLint
 * could not parse is a problem of the scan, returned in `unparsed`.
 */
export function eslintFindings(results, root) {
  const findings = [];
  const unparsed = [];
  for (const file of results) {
    for (const m of file.messages ?? []) {
      if (m.fatal) {
        unparsed.push(`${relative(root, file.filePath)}: ${clip(m.message)}`);
        continue;
      }
      if (!m.ruleId?.startsWith('security/')) continue;
      findings.push({
        scanner: 'eslint-plugin-security',
        severity: ESLINT_SECURITY_SEVERITY[m.ruleId] ?? 'medium',
        title: clip(`${m.ruleId}: ${m.message}`),
        location: at(root, file.filePath, m.line),
      });
    }
    for (const m of file.suppressedMessages ?? []) {
      if (!m.ruleId?.startsWith('security/')) continue;
      findings.push({
        scanner: 'eslint-plugin-security',
        severity: 'info',
        title: clip(`${m.ruleId} (suppressed in the source): ${m.message}`),
        location: at(root, file.filePath, m.line),
      });
    }
  }
  return { findings, unparsed };
}

/**
 * The license check's problems (scripts/license-check.mjs checkLicenses) as
 * findings: a production dependency whose license is not on the allow-list,
 * has none, or changed from its reviewed exception is high (shipping it is a
 * legal risk the product owner must not sign over unknowingly).
 */
export function licenseFindings(problems) {
  return problems.map(problem => ({
    scanner: 'license-check',
    severity: 'high',
    title: clip(problem),
    location: 'production dependencies',
  }));
}

/**
 * lockfile-lint's report (its text output) as findings: each "detected ..."
 * block (a package resolved from an unexpected host or scheme, a weak or
 * missing integrity hash, a name that does not match its URL) is high: a
 * supply-chain risk in what gets installed.
 */
export function lockfileFindings(output) {
  const clean = output.replace(/\u001b\[[0-9;]*m/g, '');
  const blocks = clean.split(/\n(?=detected )/);
  return blocks
    .map(block => block.trim())
    .filter(block => block.startsWith('detected '))
    .map(block => ({
      scanner: 'lockfile-lint',
      severity: 'high',
      title: clip(block.split('\n').slice(0, 3).join('; ')),
      location: 'yarn.lock',
    }));
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** How many findings of each severity. */
export function severityCounts(findings) {
  const counts = Object.fromEntries(SEVERITIES.map(s => [s, 0]));
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** The findings, most severe first, then by scanner and place. */
export function sortFindings(findings) {
  const rank = s => SEVERITIES.indexOf(s);
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.scanner.localeCompare(b.scanner) ||
      (a.location ?? '').localeCompare(b.location ?? ''),
  );
}

/** `2026-12-01T09:03:04.123Z` as `20261201T090304Z`. */
export const compactTimestamp = iso =>
  `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/**
 * The report for people, beside its JSON; `covered` says what each scanner
 * looked at, by scanner name (not part of the JSON's schema).
 */
export function renderSecurityMarkdown(report, covered = {}) {
  const counts = severityCounts(report.findings);
  const incomplete = report.scanners.filter(s => !s.completed);
  return [
    `# Security scan ${compactTimestamp(report.ranAt)}: \`${
      report.entityRef
    }\``,
    '',
    `Ran ${report.ranAt}${
      report.commit ? ` on commit \`${report.commit}\`` : ''
    }: ${SEVERITIES.map(s => `${counts[s]} ${s}`).join(', ')}${
      incomplete.length
        ? `; **incomplete**: ${incomplete.map(s => s.name).join(', ')}`
        : '; every scanner completed'
    }.`,
    '',
    '## Scanners',
    '',
    ...markdownTable([
      ['Scanner', 'Version', 'Covered', 'Completed', 'Error'],
      ...report.scanners.map(s => [
        s.name,
        s.version ?? '',
        covered[s.name] ?? '',
        s.completed ? 'yes' : 'NO',
        s.error ?? '',
      ]),
    ]),
    '',
    '## Findings',
    '',
    ...(report.findings.length
      ? [
          ...markdownTable([
            ['Severity', 'Scanner', 'Finding', 'Where'],
            ...report.findings.map(f => [
              f.severity,
              f.scanner,
              f.title,
              f.location ?? '',
            ]),
          ]),
        ]
      : ['None.']),
    '',
    "The launch gates' default pass rule: no critical and no high finding, every scanner completed, at most 30 days old.",
    'What each scanner covers and how its findings map to severities: [README.md](README.md).',
    '',
  ].join('\n');
}
