import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { drillFileSchema } from '@vigil/backstage-plugin-deployments-common';
import { DrillDeployReport, DrillDeployRequest } from './drillDeps';
import { runDrill } from './runDrill';
import { parseDrillArgs } from './options';

// The files read are the test's own, in a temporary directory.
/* eslint-disable security/detect-non-literal-fs-filename */

const TOKEN = 'drill-test-token';

/**
 * A stand-in for the scoring API behind the proxy: scoring answers 500
 * while `failing`; feature writes are kept unless `loseWritesWhileFailing`
 * (a bad release writing to its own memory instead of the shared store).
 */
function fakeService() {
  const state = {
    failing: false,
    loseWritesWhileFailing: false,
    features: new Map<string, unknown>(),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const url = req.url ?? '';
      const feature = /^\/(admin|v1)\/features\/([^/]+)$/.exec(url);
      if (req.method === 'GET' && url === '/readyz') {
        send(200, { status: 'ready' });
      } else if (req.method === 'POST' && url === '/v1/score') {
        send(state.failing ? 500 : 200, { decision: 'approve' });
      } else if (req.method === 'PUT' && feature?.[1] === 'admin') {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          send(401);
          return;
        }
        if (!(state.failing && state.loseWritesWhileFailing)) {
          state.features.set(
            feature[2],
            JSON.parse(Buffer.concat(chunks).toString()),
          );
        }
        res.writeHead(204).end();
      } else if (req.method === 'GET' && feature?.[1] === 'v1') {
        const features = state.features.get(feature[2]);
        if (features) {
          send(200, { customerId: feature[2], features });
        } else {
          send(404, { error: 'not found' });
        }
      } else {
        send(404, { error: 'not found' });
      }
    });
  });
  return { state, server };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const good = { version: '0.1.0+1111111', commit: '1111111' };
const bad = { version: '0.1.0+2222222.dirty', commit: '2222222', dirty: true };

describe('runDrill', () => {
  let service: ReturnType<typeof fakeService>;
  let url: string;
  let out: string;
  const lines: string[] = [];

  beforeEach(async () => {
    service = fakeService();
    await new Promise<void>(r => service.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-'));
    lines.length = 0;
  });

  afterEach(async () => {
    await new Promise(r => service.server.close(r));
    fs.rmSync(out, { recursive: true, force: true });
  });

  /** A deploy whose release fails until the watch window rolls it back. */
  const rollingBackDeploy =
    (requests: DrillDeployRequest[]) =>
    async (request: DrillDeployRequest): Promise<DrillDeployReport> => {
      requests.push(request);
      await sleep(300);
      const trafficSwitchedAt = Date.now();
      service.state.failing = true;
      // autocannon paces each connection per second (its share of the rate
      // at the start of each second): fail for longer than one.
      await sleep(1100);
      const detectedAt = Date.now();
      service.state.failing = false;
      const rolledBackAt = Date.now();
      return {
        recordId: 'rec-1',
        release: bad,
        previous: good,
        outcome: 'rolled_back',
        trafficSwitchedAt,
        watchFailure: {
          at: detectedAt,
          signal: 'smoke',
          detail: 'smoke tests failed on green: POST /v1/score answered 500',
        },
        rolledBackAt,
        summary: 'traffic is back on blue (v0.1.0+1111111)',
      };
    };

  const deps = (overrides: Partial<Parameters<typeof runDrill>[1]> = {}) => ({
    root: out,
    frontendUrl: url,
    adminToken: TOKEN,
    operator: 'ana@box',
    deploy: rollingBackDeploy([]),
    rollback: jest.fn(async () => ({
      summary: 'traffic is back on blue',
      trafficBackAt: Date.now(),
    })),
    recordDrill: jest.fn(async () => 'posted to the portal'),
    log: (line: string) => lines.push(line),
    sleep: async () => {},
    ...overrides,
  });

  it('measures a drill whose release is rolled back, writes the evidence and records it', async () => {
    const requests: DrillDeployRequest[] = [];
    const recordDrill = jest.fn(async () => 'posted to the portal');
    const run = await runDrill(
      parseDrillArgs([
        '--rate',
        '100',
        '--connections',
        '2',
        '--writes',
        '20',
        '--out',
        'drills',
        '--fault-after',
        '7',
      ]),
      deps({ deploy: rollingBackDeploy(requests), recordDrill }),
    );

    expect(requests).toEqual([
      {
        entityRef: 'component:default/scoring-api',
        watchSeconds: 60,
        instanceEnv: {
          SCORING_FAULTS: '{"errorRate":1}',
          SCORING_FAULTS_AFTER_REQUESTS: '7',
        },
        reason: 'rollback drill: fault {"errorRate":1} after 7 requests',
      },
    ]);
    expect(run.exitCode).toBe(0);
    const file = drillFileSchema.parse(
      JSON.parse(fs.readFileSync(run.evidence!.json, 'utf8')),
    );
    expect(path.dirname(run.evidence!.json)).toBe(path.join(out, 'drills'));
    expect(path.basename(run.evidence!.json)).toBe(`${file.id}.json`);
    expect(fs.readFileSync(run.evidence!.markdown, 'utf8')).toContain(
      `# Rollback drill ${file.id}`,
    );
    expect(file).toMatchObject({
      entityRef: 'component:default/scoring-api',
      deploymentId: 'rec-1',
      operator: 'ana@box',
      badRelease: bad,
      goodRelease: good,
      fault: { faults: { errorRate: 1 }, afterRequests: 7 },
      detection: { signal: 'smoke' },
      passed: true,
    });
    // Every failure is inside the bad release's time on traffic.
    expect(Date.parse(file.rpo.firstFailureAt!)).toBeGreaterThanOrEqual(
      Date.parse(file.badTrafficAt),
    );
    expect(Date.parse(file.rpo.lastFailureAt!)).toBeLessThanOrEqual(
      Date.parse(file.rto.restoredAt),
    );
    expect(file.rpo.featureWrites.acknowledged).toBeGreaterThan(0);
    expect(file.rpo.featureWrites.lost).toBe(0);
    expect(recordDrill).toHaveBeenCalledWith('rec-1', file);
    expect(lines.at(-1)).toMatch(/^drill: PASSED: detection/);
  });

  it('fails the drill when acknowledged writes are lost', async () => {
    service.state.loseWritesWhileFailing = true;
    const run = await runDrill(
      parseDrillArgs(['--rate', '50', '--writes', '50', '--out', 'drills']),
      deps(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.file!.rpo.featureWrites.lost).toBeGreaterThan(0);
    expect(run.file!.rpo.met).toBe(false);
    expect(run.file!.passed).toBe(false);
    expect(lines.some(l => /^drill: lost write drill-/.test(l))).toBe(true);
  });

  it('records a failed drill, measured to the rollback by hand, when nothing detected the fault', async () => {
    let trafficSwitchedAt = 0;
    let gaveUpAfter = 0;
    let trafficBackAt = 0;
    const rollback = jest.fn(async () => {
      gaveUpAfter = Date.now();
      await sleep(200);
      trafficBackAt = Date.now();
      service.state.failing = false;
      return {
        summary: 'traffic is back on blue (v0.1.0+1111111)',
        trafficBackAt,
      };
    });
    const recordDrill = jest.fn(async () => 'posted to the portal');
    const run = await runDrill(
      parseDrillArgs(['--out', 'drills', '--watch', '1']),
      deps({
        rollback,
        recordDrill,
        // The watch window passes: the fault is not one its checks see.
        deploy: async () => {
          await sleep(300);
          trafficSwitchedAt = Date.now();
          service.state.failing = true;
          await sleep(1100);
          return {
            recordId: 'rec-2',
            release: bad,
            previous: good,
            outcome: 'succeeded',
            trafficSwitchedAt,
            summary: 'traffic is on green (v0.1.0+2222222.dirty)',
          };
        },
      }),
    );

    expect(run.exitCode).toBe(1);
    expect(rollback).toHaveBeenCalledTimes(1);
    const file = drillFileSchema.parse(
      JSON.parse(fs.readFileSync(run.evidence!.json, 'utf8')),
    );
    expect(file).toMatchObject({
      deploymentId: 'rec-2',
      badTrafficAt: new Date(trafficSwitchedAt).toISOString(),
      detection: {
        signal: 'none',
        detail: expect.stringMatching(
          /^nothing detected the fault within the 1 s watch window .*; the drill rolled back by hand: traffic is back on blue/,
        ),
      },
      rto: { restoredAt: expect.any(String) },
      passed: false,
    });
    // Detected when the drill gave up; RTO runs to the rollback by hand.
    expect(Date.parse(file.detection.detectedAt)).toBeLessThanOrEqual(
      gaveUpAfter,
    );
    expect(file.detection.detectionMs).toBe(
      Date.parse(file.detection.detectedAt) - trafficSwitchedAt,
    );
    expect(Date.parse(file.rto.restoredAt)).toBeGreaterThanOrEqual(
      trafficBackAt,
    );
    expect(file.rpo.failedRequests).toBeGreaterThan(0);
    expect(fs.readFileSync(run.evidence!.markdown, 'utf8')).toContain(
      '**Failed**',
    );
    expect(recordDrill).toHaveBeenCalledWith('rec-2', file);
    expect(lines.at(-1)).toMatch(
      /^drill: FAILED: no detection \(gave up after .*, rolled back by hand\), RTO .*; traffic is back on blue \(v0\.1\.0\+1111111\)$/,
    );
  });

  it('writes no evidence when the rollback by hand did not bring traffic back either', async () => {
    const run = await runDrill(
      parseDrillArgs(['--out', 'drills']),
      deps({
        rollback: jest.fn(async () => ({
          summary: 'start failed on blue: exited with code 1',
        })),
        deploy: async () => ({
          release: bad,
          previous: good,
          outcome: 'succeeded',
          trafficSwitchedAt: Date.now(),
          summary: 'traffic is on green (v0.1.0+2222222.dirty)',
        }),
      }),
    );
    expect(run).toEqual({ exitCode: 1 });
    expect(fs.existsSync(path.join(out, 'drills'))).toBe(false);
    expect(lines.at(-1)).toMatch(
      /FAILED: nothing detected the fault, and the rollback by hand did not bring traffic back \(start failed on blue/,
    );
  });

  it('says where traffic is when the release stopped before traffic moved', async () => {
    const run = await runDrill(
      parseDrillArgs([]),
      deps({
        deploy: async () => ({
          release: bad,
          previous: good,
          outcome: 'failed',
          summary:
            'start failed on green: exited with code 1; traffic is still on blue (v0.1.0+1111111)',
        }),
      }),
    );
    expect(run.exitCode).toBe(1);
    expect(lines.at(-1)).toContain('traffic is still on blue (v0.1.0+1111111)');
  });

  it('changes nothing when the service is not up', async () => {
    const deploy = jest.fn();
    const run = await runDrill(
      parseDrillArgs([]),
      deps({ frontendUrl: 'http://127.0.0.1:1', deploy }),
    );
    expect(run.exitCode).toBe(1);
    expect(deploy).not.toHaveBeenCalled();
    expect(lines.at(-1)).toMatch(/Nothing was changed\.$/);
  });
});
