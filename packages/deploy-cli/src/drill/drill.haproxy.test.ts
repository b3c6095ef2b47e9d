import fs from 'node:fs';
import path from 'node:path';
import { drillFileSchema } from '@vigil/backstage-plugin-deployments-common';
import { down, status, up } from '../api';
import { RealProxy, startRealProxy } from '../testUtils/realProxy';
import { drillDeps } from './drillCommand';
import { parseDrillArgs } from './options';
import { runDrill } from './runDrill';

// A rollback drill end to end: a real HAProxy (ops/haproxy/haproxy.cfg on
// free ports) in front of real scoring API instances built from the working
// tree, sharing a real Redis feature store (database 15 of the local Redis,
// so nothing of the platform's is touched). Slow by nature.
jest.setTimeout(180_000);

const ADMIN_TOKEN = 'drill-haproxy-test-token';

// The evidence directory is the test's scratch proxy directory.
/* eslint-disable security/detect-non-literal-fs-filename */

describe('a rollback drill through a real HAProxy', () => {
  let proxy: RealProxy;

  beforeAll(async () => {
    proxy = await startRealProxy({
      instanceEnv: {
        VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN,
        SCORING_REDIS_URL:
          process.env.VIGIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
      },
    });
    await up(proxy.ctx);
    // Without Redis each instance falls back to its own memory, and writes
    // the bad release took would be lost on rollback: say so plainly.
    const ready = (await (
      await fetch(`${proxy.frontendUrl}/readyz`)
    ).json()) as { featureStore?: string };
    if (ready.featureStore !== 'redis') {
      throw new Error(
        `this test needs Redis (redis://127.0.0.1:6379 or VIGIL_TEST_REDIS_URL); the instances run with the ${ready.featureStore} feature store`,
      );
    }
  });

  afterAll(async () => {
    if (!proxy) return;
    await down(proxy.ctx);
    await proxy.stop();
  });

  it('detects the faulty release, rolls back on its own and measures RTO and RPO', async () => {
    const before = await status(proxy.ctx);
    const lines: string[] = [];
    const deps = drillDeps(
      { ...proxy.ctx, log: line => lines.push(line) },
      { adminToken: ADMIN_TOKEN },
    );
    const out = path.join(proxy.dir, 'drills');
    const run = await runDrill(
      parseDrillArgs([
        '--rate',
        '20',
        '--fault-after',
        '20',
        '--watch',
        '30',
        '--settle',
        '1',
        '--out',
        out,
      ]),
      deps,
    );

    const text = lines.join('\n');
    expect(run.exitCode).toBe(0);
    const file = drillFileSchema.parse(
      JSON.parse(fs.readFileSync(run.evidence!.json, 'utf8')),
    );
    expect(file.passed).toBe(true);
    // The release took traffic, the fault appeared, the watch's smoke tests
    // (no Prometheus here) caught it and traffic went back.
    expect(file.detection.signal).toBe('smoke');
    expect(file.detection.detail).toMatch(/POST \/v1\/score answered 500/);
    expect(file.rpo.failedRequests).toBeGreaterThan(0);
    expect(file.rpo.featureWrites.acknowledged).toBeGreaterThan(0);
    expect(file.rpo.featureWrites.lost).toBe(0);
    expect(file.badRelease.version).toBe(file.goodRelease.version);
    expect(file.fault).toEqual({
      faults: { errorRate: 1 },
      afterRequests: 20,
    });
    expect(text).toMatch(/drill: PASSED: detection/);

    // Traffic is back on the colour that was live, and the bad one is gone.
    const after = await status(proxy.ctx);
    expect(after.live).toBe(before.live);
    expect(after.proxyLive).toEqual([before.live]);
    // Without a portal the drill's figures are kept in the local record.
    const records = fs.readdirSync(proxy.ctx.paths.recordsDir);
    const record = JSON.parse(
      fs.readFileSync(
        path.join(proxy.ctx.paths.recordsDir, records[0]),
        'utf8',
      ),
    );
    expect(records).toHaveLength(1);
    expect(record).toMatchObject({
      kind: 'drill',
      outcome: 'rolled_back',
      drill: { passed: true, rto: { rtoMs: file.rto.rtoMs } },
    });
  });

  it('records a failed drill when nothing detects the fault, measured to the rollback by hand', async () => {
    const before = await status(proxy.ctx);
    const lines: string[] = [];
    const deps = drillDeps(
      { ...proxy.ctx, log: line => lines.push(line) },
      { adminToken: ADMIN_TOKEN },
    );
    const out = path.join(proxy.dir, 'drills-undetected');
    // 30 ms more latency: no smoke check fails and there is no Prometheus
    // here, so the watch window passes the bad release.
    const run = await runDrill(
      parseDrillArgs([
        '--fault',
        '{"latencyMs":30}',
        '--fault-after',
        '0',
        '--watch',
        '2',
        '--settle',
        '1',
        '--out',
        out,
      ]),
      deps,
    );

    expect(run.exitCode).toBe(1);
    const file = drillFileSchema.parse(
      JSON.parse(fs.readFileSync(run.evidence!.json, 'utf8')),
    );
    expect(file).toMatchObject({
      passed: false,
      detection: { signal: 'none' },
      fault: { faults: { latencyMs: 30 }, afterRequests: 0 },
    });
    expect(file.detection.detail).toMatch(
      /^nothing detected the fault within the 2 s watch window .*rolled back by hand: traffic is back on /,
    );
    // Detected when the drill gave up, after the watch window; restored
    // when the rollback by hand switched back, after that.
    const badAt = Date.parse(file.badTrafficAt);
    const detectedAt = Date.parse(file.detection.detectedAt);
    expect(detectedAt - badAt).toBe(file.detection.detectionMs);
    expect(file.detection.detectionMs).toBeGreaterThanOrEqual(2000);
    expect(Date.parse(file.rto.restoredAt)).toBeGreaterThan(detectedAt);
    expect(fs.readFileSync(run.evidence!.markdown, 'utf8')).toContain(
      '**Failed**',
    );
    expect(lines.join('\n')).toMatch(/drill: FAILED: no detection \(gave up/);

    // Traffic is back on the release that was live (on either colour).
    const after = await status(proxy.ctx);
    expect(after.proxyLive).toHaveLength(1);
    expect(after.problem).toBeUndefined();
    expect(
      after.colors.find(c => c.color === after.proxyLive![0])?.instance
        ?.version,
    ).toBe(before.colors.find(c => c.color === before.live)?.instance?.version);

    // The drill's record ends rolled back with the failed drill; the
    // rollback by hand has its own record.
    const records = fs
      .readdirSync(proxy.ctx.paths.recordsDir)
      .map(name =>
        JSON.parse(
          fs.readFileSync(path.join(proxy.ctx.paths.recordsDir, name), 'utf8'),
        ),
      );
    const drillRecord = records.find(
      r => r.kind === 'drill' && r.drill?.detection.signal === 'none',
    );
    expect(drillRecord).toMatchObject({
      outcome: 'rolled_back',
      drill: { passed: false, rto: { rtoMs: file.rto.rtoMs } },
    });
    const rollbackRecords = records.filter(r => r.kind === 'rollback');
    expect(rollbackRecords).toMatchObject([{ outcome: 'succeeded' }]);
    // RTO runs to the rollback's own switch (or a failure after it).
    expect(
      Date.parse(rollbackRecords[0].trafficSwitchedAt),
    ).toBeLessThanOrEqual(Date.parse(file.rto.restoredAt));
  });
});
