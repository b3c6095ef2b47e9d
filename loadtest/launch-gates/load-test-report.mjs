// The load test's evidence for the launch gates: validation/load-tests/
// <YYYYMMDDTHHMMSSZ>-<entity name>.{json,md} (validation/load-tests/README.md
// documents the fields), in the schema the load-test check reads.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { markdownTable } = require('../../scripts/lib/markdown-table.cjs');

/** `2026-12-01T09:03:04.123Z` as `20261201T090304Z`. */
export const compactTimestamp = iso =>
  `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

const mb = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The report for people, beside its JSON. */
export function renderLoadTestMarkdown(report) {
  const { latencyMs, load } = report;
  const errorShare = report.requests
    ? ((report.errors / report.requests) * 100).toFixed(3)
    : '0.000';
  return [
    `# Load test ${compactTimestamp(report.ranAt)}: \`${report.entityRef}\``,
    '',
    `Ran ${report.ranAt} with ${report.tool}${
      report.version ? ` against version ${report.version}` : ''
    }${report.commit ? ` (commit \`${report.commit}\`)` : ''}.`,
    '',
    ...markdownTable([
      ['Figure', 'Value'],
      ['Requests', report.requests],
      [
        'Errors (non-2xx, socket errors, timeouts)',
        `${report.errors} (${errorShare} %)`,
      ],
      ['Latency p50', `${latencyMs.p50} ms`],
      ['Latency p95', `${latencyMs.p95} ms`],
      ['Latency p99', `${latencyMs.p99} ms`],
      [
        'Peak resident memory',
        `${report.peakMemoryBytes} bytes (${mb(report.peakMemoryBytes)})`,
      ],
    ]),
    '',
    '## Load',
    '',
    ...Object.entries(load).map(([key, value]) => `- ${key}: ${value}`),
    '',
    "The launch gates' default pass rule: p95 <= 800 ms (stretch 600), peak memory <= 3.7 GB (stretch 2.5 GB), errors <= 1 % of requests, at most 30 days old.",
    'Fields: [README.md](README.md).',
    '',
  ].join('\n');
}

/**
 * Validates `report` against loadTestReportSchema and writes the pair under
 * `dir`; never overwrites. Returns both paths.
 */
export function writeLoadTestReport(dir, report) {
  const {
    checkLoadTestReport,
  } = require('../../scripts/lib/launch-gates-reports.cjs');
  const checked = checkLoadTestReport(report);
  const name = checked.entityRef.slice(checked.entityRef.lastIndexOf('/') + 1);
  const base = path.join(dir, `${compactTimestamp(checked.ranAt)}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(checked, null, 2)}\n`, {
    flag: 'wx',
  });
  fs.writeFileSync(`${base}.md`, renderLoadTestMarkdown(checked), {
    flag: 'wx',
  });
  return { json: `${base}.json`, markdown: `${base}.md` };
}

/** The service's `/version` (`{ version, commit }`), or {} when it has none. */
export async function serviceVersion(url) {
  try {
    const res = await fetch(`${url}/version`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!res.ok) return {};
    const body = await res.json();
    return {
      ...(typeof body.version === 'string' && body.version.length <= 100
        ? { version: body.version }
        : {}),
      ...(typeof body.commit === 'string' &&
      /^[0-9a-f]{7,40}$/.test(body.commit)
        ? { commit: body.commit }
        : {}),
    };
  } catch {
    return {};
  }
}
