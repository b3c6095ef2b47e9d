// The test's own temporary evidence directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rollbackDrillProvider } from './rollback-drill';
import {
  REPO_ROOT,
  startFakePlugins,
  type FakePlugins,
  type FakeRoute,
} from './__testUtils__/fakePlugins';
import { runCheck, SCORING_API_REF } from './__testUtils__/runCheck';

/** A real drill evidence file the deploy CLI wrote (validation/drills/). */
const REAL_DRILL_FILE = '20261201T051202Z-scoring-api.json';
const realDrillFile = JSON.parse(
  fs.readFileSync(
    path.join(REPO_ROOT, 'validation', 'drills', REAL_DRILL_FILE),
    'utf8',
  ),
);
const {
  id: _id,
  entityRef: _entityRef,
  startedAt: _startedAt,
  finishedAt: _finishedAt,
  deploymentId: _deploymentId,
  operator: _operator,
  ...realDrillResult
} = realDrillFile;

const NOW = new Date('2026-12-10T12:00:00Z');

/** A drill record as GET /deployments lists it (deployments-common `DeploymentRecord`). */
function drillRecord(
  id: string,
  startedAt: string,
  drill: Record<string, unknown> | undefined,
) {
  return {
    id,
    entityRef: SCORING_API_REF,
    environment: 'production',
    kind: 'drill',
    outcome: drill ? 'rolled_back' : 'in_progress',
    release: realDrillResult.badRelease,
    previous: realDrillResult.goodRelease,
    fromColor: 'blue',
    toColor: 'green',
    recordedBy: 'vigil-deploy',
    operator: 'root@vm',
    reason: 'rollback drill',
    startedAt,
    steps: [],
    smoke: [],
    ...(drill ? { drill } : {}),
    revision: 3,
    createdAt: startedAt,
    updatedAt: startedAt,
  };
}

function deploymentsRoute(
  records: Array<ReturnType<typeof drillRecord>> | 'down',
): FakeRoute {
  return {
    plugin: 'deployments',
    operation: 'GET /deployments',
    answer: (_, query) =>
      records === 'down'
        ? {
            status: 500,
            body: { error: { name: 'Error', message: 'database is down' } },
          }
        : {
            body: {
              items: records.filter(
                r => query.get('entityRef') === r.entityRef,
              ),
              totalCount: records.length,
            },
          },
  };
}

describe('the rollback-drill provider against the deployments API and validation/drills/', () => {
  let plugins: FakePlugins;
  let evidenceDirectory: string;
  beforeAll(async () => {
    plugins = await startFakePlugins();
    evidenceDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-drills-'));
    fs.mkdirSync(path.join(evidenceDirectory, 'drills'));
    fs.copyFileSync(
      path.join(REPO_ROOT, 'validation', 'drills', REAL_DRILL_FILE),
      path.join(evidenceDirectory, 'drills', REAL_DRILL_FILE),
    );
    fs.writeFileSync(
      path.join(
        evidenceDirectory,
        'drills',
        '20261130T000000Z-scoring-api.json',
      ),
      '{"not": "a drill"}',
    );
  });
  afterAll(async () => {
    await plugins.close();
    fs.rmSync(evidenceDirectory, { recursive: true, force: true });
  });

  it.each([
    {
      name: "the real drill file, 9 days old, passes (the API's record of it stands)",
      records: [
        drillRecord(
          realDrillFile.deploymentId,
          realDrillFile.startedAt,
          realDrillResult,
        ),
      ],
      status: 'pass',
      measurements: {
        ageDays: 9.2,
        rtoSeconds: 3.129,
        rpoWindowSeconds: 1.002,
        lostWrites: 0,
        detected: true,
        drillPassed: true,
      },
      origin: {
        source: 'deployments',
        deploymentId: realDrillFile.deploymentId,
      },
    },
    {
      name: 'the file alone when the API has no drill',
      records: [],
      status: 'pass',
      measurements: { rtoSeconds: 3.129 },
      origin: {
        source: 'file',
        file: `validation/drills/${REAL_DRILL_FILE}`,
        deploymentId: realDrillFile.deploymentId,
      },
    },
    {
      name: 'the file when the API is down',
      records: 'down' as const,
      status: 'pass',
      measurements: { rtoSeconds: 3.129 },
      origin: { source: 'file' },
    },
    {
      name: 'a newer slow drill in the API fails on RTO',
      records: [
        drillRecord('d2', '2026-12-09T00:00:00.000Z', {
          ...realDrillResult,
          rto: { ...realDrillResult.rto, rtoMs: 75_000, met: false },
          passed: false,
        }),
        drillRecord('d3', '2026-12-09T06:00:00.000Z', undefined),
      ],
      status: 'fail',
      measurements: { rtoSeconds: 75, ageDays: 1.5, drillPassed: false },
      origin: { source: 'deployments', deploymentId: 'd2' },
    },
    {
      name: 'a drill nothing noticed fails',
      records: [
        drillRecord('d4', '2026-12-09T00:00:00.000Z', {
          ...realDrillResult,
          detection: { ...realDrillResult.detection, signal: 'none' },
          passed: false,
        }),
      ],
      status: 'fail',
      measurements: { detected: false },
      origin: { source: 'deployments', deploymentId: 'd4' },
    },
  ])('$name', async ({ records, status, measurements, origin }) => {
    plugins.setRoutes([deploymentsRoute(records)]);
    const result = await runCheck({
      provider: rollbackDrillProvider,
      plugins,
      params: { maxAgeDays: 30 },
      now: NOW,
      evidenceDirectory,
    });
    expect(plugins.contractProblems).toEqual([]);
    expect(result.status).toBe(status);
    expect(result.evidence.measurements).toEqual(
      expect.objectContaining(measurements),
    );
    expect(result.evidence.details).toMatchObject({ origin });
  });

  it('names the invalid file and reads drills of the entity only', async () => {
    plugins.setRoutes([deploymentsRoute([])]);
    const result = await runCheck({
      provider: rollbackDrillProvider,
      plugins,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout', namespace: 'default' },
      },
      now: NOW,
      evidenceDirectory,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toBe(
      'no rollback drill of component:default/checkout in the deployments API or validation/drills/',
    );
    expect(plugins.requests.map(r => r.path)).toEqual([
      '/deployments?entityRef=component%3Adefault%2Fcheckout&kind=drill&limit=20',
    ]);
  });

  it('is too old after maxAgeDays', async () => {
    plugins.setRoutes([deploymentsRoute([])]);
    const result = await runCheck({
      provider: rollbackDrillProvider,
      plugins,
      params: { maxAgeDays: 7 },
      now: NOW,
      evidenceDirectory,
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/not met: ageDays 9.2 <= 7/);
    expect(result.evidence.details).toMatchObject({
      invalidFiles: [
        expect.stringMatching(/^drills\/20261130T000000Z-scoring-api.json: /),
      ],
    });
  });

  it('is unknown with both reasons when neither source can be read', async () => {
    plugins.setRoutes([deploymentsRoute('down')]);
    const result = await runCheck({
      provider: rollbackDrillProvider,
      plugins,
      now: NOW,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toBe(
      'no drill found, and the deployments API (GET /deployments) answered 500: database is down and validation/drills/: no evidence directory is configured (launchGates.evidence.directory)',
    );
  });
});
