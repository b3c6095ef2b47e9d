import { createSecurityScanProvider } from './security-scan';
import {
  startFakePlugins,
  type FakePlugins,
} from './__testUtils__/fakePlugins';
import {
  evidenceDirectoryWith,
  postedReports,
  securityScanReport,
} from './__testUtils__/reports';
import { runCheck } from './__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:00:00Z');
const FILE = 'security/20261128T100000Z-scoring-api.json';

describe('the security-scan provider over validation/security/ and posted reports', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());

  it.each([
    {
      name: 'medium and low findings only pass',
      files: { [FILE]: securityScanReport() },
      posted: [],
      status: 'pass',
      measurements: {
        critical: 0,
        high: 0,
        medium: 1,
        low: 1,
        incompleteScanners: 0,
        ageDays: 3,
      },
    },
    {
      name: 'a high finding fails',
      files: {
        [FILE]: securityScanReport({
          findings: [
            {
              scanner: 'semgrep',
              severity: 'high',
              title: 'SQL injection',
              location: 'src/db.ts:12',
            },
          ],
        }),
      },
      posted: [],
      status: 'fail',
      measurements: { high: 1 },
    },
    {
      name: 'a scanner that did not complete fails',
      files: {},
      posted: [
        securityScanReport({
          scanners: [
            {
              name: 'yarn npm audit',
              completed: false,
              error: 'registry unreachable',
            },
            { name: 'semgrep', completed: true },
          ],
        }),
      ],
      status: 'fail',
      measurements: { incompleteScanners: 1 },
    },
    {
      name: 'a newer clean posted scan wins over an older critical file',
      files: {
        [FILE]: securityScanReport({
          findings: [
            { scanner: 'semgrep', severity: 'critical', title: 'RCE' },
          ],
        }),
      },
      posted: [securityScanReport({ ranAt: '2026-11-30T12:00:00.000Z' })],
      status: 'pass',
      measurements: { critical: 0, ageDays: 1 },
    },
    {
      name: 'no scan at all is unknown',
      files: {},
      posted: [],
      status: 'unknown',
      measurements: {},
    },
  ])('$name', async ({ files, posted, status, measurements }) => {
    const evidence = evidenceDirectoryWith(files);
    try {
      const result = await runCheck({
        provider: createSecurityScanProvider({
          reportSource: postedReports(posted),
        }),
        plugins,
        params: { maxAgeDays: 30 },
        now: NOW,
        evidenceDirectory: evidence.directory,
      });
      expect(result.status).toBe(status);
      expect(result.evidence.measurements).toEqual(
        expect.objectContaining(measurements),
      );
    } finally {
      evidence.remove();
    }
  });

  it('keeps the blocking findings in the evidence and names the scanners that failed', async () => {
    const evidence = evidenceDirectoryWith({
      [FILE]: securityScanReport({
        scanners: [
          {
            name: 'yarn npm audit',
            completed: false,
            error: 'registry unreachable',
          },
          { name: 'semgrep', completed: true },
        ],
        findings: [
          {
            scanner: 'semgrep',
            severity: 'high',
            title: 'SQL injection',
            location: 'src/db.ts:12',
          },
          { scanner: 'semgrep', severity: 'info', title: 'TODO' },
        ],
      }),
    });
    try {
      const result = await runCheck({
        provider: createSecurityScanProvider({
          reportSource: postedReports([]),
        }),
        plugins,
        now: NOW,
        evidenceDirectory: evidence.directory,
      });
      expect(result.summary).toBe(
        '0 critical, 1 high, 0 medium findings from 2 scanners (yarn npm audit did not complete), ran 3 days ago (validation/security/20261128T100000Z-scoring-api.json); not met: high 1 == 0, incompleteScanners 1 == 0',
      );
      expect(result.evidence.details).toMatchObject({
        findings: [
          {
            scanner: 'semgrep',
            severity: 'high',
            title: 'SQL injection',
            location: 'src/db.ts:12',
          },
        ],
      });
    } finally {
      evidence.remove();
    }
  });
});
