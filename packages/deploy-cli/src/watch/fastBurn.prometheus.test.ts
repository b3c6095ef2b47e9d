// Files in the temporary directory the proxy helper creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { down, up } from '../api';
import {
  REPO_ROOT,
  RealProxy,
  SteadyLoad,
  freePort,
  startRealProxy,
  steadyLoad,
} from '../testUtils/realProxy';
import { FastBurnReading, readAvailabilitySlo, readFastBurn } from './fastBurn';

// The watch window's fast-burn condition against a real Prometheus scraping
// a real scoring API instance through the scrape job of
// ops/prometheus/prometheus.yml (file_sd targets with their color label, the
// labeldrop of exported_color): the query's selectors must match what
// Prometheus really stores, which a stubbed answer cannot show.
jest.setTimeout(120_000);

const ADMIN_TOKEN = 'fast-burn-test-admin-token';
const slo = readAvailabilitySlo(
  path.join(REPO_ROOT, 'packages', 'scoring-api', 'slo.yaml'),
);

/** ops/prometheus/prometheus.yml's scoring-api job, scraping every second from the test's targets file. */
function scrapeConfig(targetsFile: string): string {
  const real = parse(
    fs.readFileSync(
      path.join(REPO_ROOT, 'ops', 'prometheus', 'prometheus.yml'),
      'utf8',
    ),
  );
  const job = real.scrape_configs.find(
    (c: { job_name: string }) => c.job_name === 'scoring-api',
  );
  job.scrape_interval = '1s';
  job.file_sd_configs = [{ files: [targetsFile], refresh_interval: '1s' }];
  return stringify({
    global: { scrape_interval: '1s' },
    scrape_configs: [job],
  });
}

async function until(
  read: () => Promise<FastBurnReading>,
  done: (reading: FastBurnReading) => boolean,
): Promise<FastBurnReading> {
  const deadline = Date.now() + 60_000;
  let reading = await read();
  while (!done(reading) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 500));
    reading = await read();
  }
  return reading;
}

describe('the fast-burn condition, read from a real Prometheus', () => {
  let proxy: RealProxy;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string;
  let load: SteadyLoad | undefined;

  beforeAll(async () => {
    if (spawnSync('sh', ['-c', 'command -v prometheus']).status !== 0) {
      throw new Error(
        "prometheus is not installed (apt-get install prometheus; CI's .ci/run installs it)",
      );
    }
    proxy = await startRealProxy({
      instanceEnv: { VIGIL_SCORING_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    await up(proxy.ctx);
    const configFile = path.join(proxy.dir, 'prometheus.yml');
    fs.writeFileSync(configFile, scrapeConfig(proxy.ctx.paths.targetsFile));
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(proxy.dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await fetch(`${prometheusUrl}/-/ready`).then(
        res => res.ok,
        () => false,
      );
      if (ready) break;
      if (prometheus.exitCode !== null || Date.now() > deadline) {
        throw new Error('Prometheus did not become ready');
      }
      await new Promise(r => setTimeout(r, 200));
    }
    load = steadyLoad(proxy.frontendUrl, 2);
  });

  afterAll(async () => {
    await load?.stop();
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(r => prometheus!.once('exit', r));
      prometheus.kill('SIGTERM');
      await exited;
    }
    if (proxy) {
      await down(proxy.ctx);
      await proxy.stop();
    }
  });

  const read = (color: string) =>
    readFastBurn({ prometheusUrl, color, slo, window: '1m' });

  it('reads a healthy live colour as an error ratio of 0, not burning', async () => {
    const reading = await until(
      () => read('blue'),
      r => r.reachable && r.errorRatio !== null,
    );
    expect(reading).toMatchObject({
      reachable: true,
      errorRatio: 0,
      burning: false,
    });
  });

  it('reads a colour without traffic as no data, not burning', async () => {
    expect(await read('green')).toMatchObject({
      reachable: true,
      errorRatio: null,
      burning: false,
    });
  });

  it('sees the live colour burn fast once it fails requests', async () => {
    const faults = await fetch(
      `http://127.0.0.1:${proxy.ports.blue}/admin/faults`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ errorRate: 1 }),
      },
    );
    expect(faults.status).toBe(200);
    const reading = await until(
      () => read('blue'),
      r => r.reachable && r.burning,
    );
    expect(reading).toMatchObject({
      reachable: true,
      burning: true,
      detail: expect.stringMatching(/error ratio on blue over 1m/),
    });
    expect((reading as { errorRatio: number }).errorRatio).toBeGreaterThan(
      slo.threshold,
    );
  });
});
