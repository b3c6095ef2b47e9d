import { createLoadTestProvider } from './load-test';
import {
  startFakePlugins,
  type FakePlugins,
} from './__testUtils__/fakePlugins';
import {
  evidenceDirectoryWith,
  loadTestReport,
  postedReports,
} from './__testUtils__/reports';
import { runCheck } from './__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('the load-test provider over validation/load-tests/ and posted reports', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());

  it.each([
    {
      name: 'a committed report within targets passes, stretch met',
      files: {
        'load-tests/20261128T100000Z-scoring-api.json': loadTestReport({
          latencyMs: { p50: 100, p95: 540, p99: 700 },
        }),
      },
      posted: [],
      status: 'pass',
      measurements: {
        p95Ms: 540,
        peakMemoryBytes: 1.1e9,
        errorRatio: 0.0001,
        ageDays: 3,
      },
      stretchMet: true,
    },
    {
      name: 'p95 612 ms passes with the stretch missed',
      files: {
        'load-tests/20261128T100000Z-scoring-api.json': loadTestReport(),
      },
      posted: [],
      status: 'pass',
      measurements: { p95Ms: 612 },
      stretchMet: false,
    },
    {
      name: 'a newer posted report over the p95 target fails',
      files: {
        'load-tests/20261128T100000Z-scoring-api.json': loadTestReport(),
      },
      posted: [
        loadTestReport({
          ranAt: '2026-11-30T10:00:00.000Z',
          latencyMs: { p50: 300, p95: 950, p99: 1400 },
        }),
      ],
      status: 'fail',
      measurements: { p95Ms: 950, ageDays: 1 },
      stretchMet: false,
    },
    {
      name: 'peak memory over 3.7 GB fails',
      files: {},
      posted: [loadTestReport({ peakMemoryBytes: 3.9e9 })],
      status: 'fail',
      measurements: { peakMemoryBytes: 3.9e9 },
      stretchMet: false,
    },
    {
      name: 'a report older than 30 days fails',
      files: {
        'load-tests/20261001T100000Z-scoring-api.json': loadTestReport({
          ranAt: '2026-10-01T10:00:00.000Z',
        }),
      },
      posted: [],
      status: 'fail',
      measurements: { ageDays: 61 },
      stretchMet: false,
    },
    {
      name: "another entity's report in a file of the same name is not used",
      files: {
        'load-tests/20261128T100000Z-scoring-api.json': loadTestReport({
          entityRef: 'component:other/scoring-api',
        }),
      },
      posted: [],
      status: 'unknown',
      measurements: {},
      stretchMet: undefined,
    },
  ])('$name', async ({ files, posted, status, measurements, stretchMet }) => {
    const evidence = evidenceDirectoryWith(files);
    try {
      const result = await runCheck({
        provider: createLoadTestProvider({
          reportSource: postedReports(posted),
        }),
        plugins,
        params: { maxAgeDays: 30 },
        pass: [
          { measure: 'p95Ms', op: '<=', target: 800, stretch: 600 },
          {
            measure: 'peakMemoryBytes',
            op: '<=',
            target: 3.7e9,
            stretch: 2.5e9,
          },
          { measure: 'ageDays', op: '<=', target: 30 },
        ],
        now: NOW,
        evidenceDirectory: evidence.directory,
        linkBase: 'https://github.com/vigil/vigil/blob/main/validation',
      });
      expect(result.status).toBe(status);
      expect(result.evidence.measurements).toEqual(
        expect.objectContaining(measurements),
      );
      expect(
        result.evidence.outcomes.find(o => o.measure === 'p95Ms')?.stretchMet,
      ).toBe(stretchMet);
    } finally {
      evidence.remove();
    }
  });

  it('links the committed report and keeps where it came from', async () => {
    const evidence = evidenceDirectoryWith({
      'load-tests/20261128T100000Z-scoring-api.json': loadTestReport(),
    });
    try {
      const result = await runCheck({
        provider: createLoadTestProvider({ reportSource: postedReports([]) }),
        plugins,
        now: NOW,
        evidenceDirectory: evidence.directory,
        linkBase: 'https://github.com/vigil/vigil/blob/main/validation/',
      });
      expect(result.evidence.links).toEqual([
        {
          title:
            'Load-test report validation/load-tests/20261128T100000Z-scoring-api.json',
          url: 'https://github.com/vigil/vigil/blob/main/validation/load-tests/20261128T100000Z-scoring-api.json',
        },
      ]);
      expect(result.evidence.observedAt).toBe('2026-11-28T10:00:00.000Z');
      expect(result.summary).toBe(
        'p95 612 ms, peak memory 1.10 GB, 0.01% errors, ran 3 days ago (validation/load-tests/20261128T100000Z-scoring-api.json)',
      );
    } finally {
      evidence.remove();
    }
  });

  it('is unknown, naming the invalid file, when no report is valid', async () => {
    const evidence = evidenceDirectoryWith({
      'load-tests/20261128T100000Z-scoring-api.json': { kind: 'load-test' },
    });
    try {
      const result = await runCheck({
        provider: createLoadTestProvider({ reportSource: postedReports([]) }),
        plugins,
        now: NOW,
        evidenceDirectory: evidence.directory,
      });
      expect(result.status).toBe('unknown');
      expect(result.evidence.reason).toBe(
        'no load-test report of component:default/scoring-api in validation/load-tests/ or posted to the launch-gates API',
      );
      expect(result.evidence.details).toEqual({
        invalidFiles: [
          expect.stringMatching(
            /^validation\/load-tests\/20261128T100000Z-scoring-api.json: schemaVersion: Invalid literal value, expected 1; entityRef: is required/,
          ),
        ],
      });
    } finally {
      evidence.remove();
    }
  });

  it('uses the posted report when the store works and no directory is configured; unknown when the store fails too', async () => {
    const posted = await runCheck({
      provider: createLoadTestProvider({
        reportSource: postedReports([loadTestReport()]),
      }),
      plugins,
      now: NOW,
    });
    expect(posted.status).toBe('pass');
    expect(posted.evidence.details).toMatchObject({
      origin: { source: 'posted', postedBy: 'user:default/ci' },
      sourceErrors: [
        'validation/load-tests/: no evidence directory is configured (launchGates.evidence.directory)',
      ],
    });

    const failing = await runCheck({
      provider: createLoadTestProvider({
        reportSource: {
          latest: async () => {
            throw new Error('connection refused');
          },
        },
      }),
      plugins,
      now: NOW,
    });
    expect(failing.status).toBe('unknown');
    expect(failing.evidence.reason).toBe(
      'no load-test report could be read: validation/load-tests/: no evidence directory is configured (launchGates.evidence.directory) and posted reports: connection refused',
    );
  });
});
