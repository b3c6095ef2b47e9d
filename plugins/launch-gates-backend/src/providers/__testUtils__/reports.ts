// The tests' own temporary evidence directories.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  LoadTestReport,
  SecurityScanReport,
  StoredReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { ReportSource } from '../../evaluation/reportSource';
import { SCORING_API_REF } from './runCheck';

/** A load-test report as `loadtest/scoring-api.mjs --report` writes it. */
export function loadTestReport(
  overrides: Partial<LoadTestReport> = {},
): LoadTestReport {
  return {
    schemaVersion: 1,
    kind: 'load-test',
    entityRef: SCORING_API_REF,
    ranAt: '2026-11-28T10:00:00.000Z',
    tool: 'autocannon 7.15.0',
    load: {
      url: 'http://127.0.0.1:7100/v1/score',
      connections: 50,
      durationSeconds: 60,
    },
    requests: 120000,
    errors: 12,
    latencyMs: { p50: 120, p95: 612, p99: 910 },
    peakMemoryBytes: 1.1e9,
    commit: '600bee4',
    ...overrides,
  };
}

/** A security scan as `scripts/security-scan.mjs` writes it. */
export function securityScanReport(
  overrides: Partial<SecurityScanReport> = {},
): SecurityScanReport {
  return {
    schemaVersion: 1,
    kind: 'security-scan',
    entityRef: SCORING_API_REF,
    ranAt: '2026-11-28T10:00:00.000Z',
    scanners: [
      { name: 'yarn npm audit', completed: true },
      { name: 'semgrep', version: '1.90.0', completed: true },
    ],
    findings: [
      { scanner: 'yarn npm audit', severity: 'medium', title: 'ReDoS in x' },
      { scanner: 'semgrep', severity: 'low', title: 'console.log' },
    ],
    ...overrides,
  };
}

/** Reports "posted" to the launch-gates API: the store's `latest` over a list. */
export function postedReports(reports: StoredReport['report'][]): ReportSource {
  return {
    async latest(entityRef, kind) {
      const stored: StoredReport[] = reports
        .filter(r => r.kind === kind && r.entityRef === entityRef)
        .map((report, i) => ({
          id: `report-${i}`,
          entityRef: report.entityRef,
          kind: report.kind,
          ranAt: report.ranAt,
          postedBy: 'user:default/ci',
          postedAt: report.ranAt,
          report,
        }));
      return stored.sort((a, b) => b.ranAt.localeCompare(a.ranAt))[0];
    },
  };
}

/** A temporary evidence directory holding `files` (path under it → JSON or text). */
export function evidenceDirectoryWith(files: Record<string, unknown>): {
  directory: string;
  remove(): void;
} {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-evidence-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(directory, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  return {
    directory,
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}
