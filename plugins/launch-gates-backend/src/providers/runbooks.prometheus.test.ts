// The test's own temporary directory for Prometheus's config and data.
/* eslint-disable security/detect-non-literal-fs-filename */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { runbooksProvider, techDocsStaticPath } from './runbooks';
import {
  REPO_ROOT,
  startFakePlugins,
  type FakePlugins,
  type FakeRoute,
} from './__testUtils__/fakePlugins';
import { APP_BASE_URL, runCheck, scoringApi } from './__testUtils__/runCheck';

// The runbooks check against a real Prometheus loading real rule files (the
// repository's ops/prometheus/rules/targets.yml and SLO alerts shaped as
// slo-common generates them from packages/scoring-api/slo.yaml), with a
// small HTTP server standing in for the TechDocs backend's static route.
jest.setTimeout(60_000);

const NOW = new Date('2026-12-01T12:00:00Z');
const DOCS = `${APP_BASE_URL}/docs/default/component/scoring-api`;

/** An SLO burn-rate alert as slo-common's generate.ts writes it. */
function sloAlert(
  name: string,
  severity: 'page' | 'ticket',
  labels: Record<string, string>,
  runbookUrl?: string,
) {
  return {
    alert: name,
    expr: `(max(slo:sli_error:ratio_rate5m{sloth_id="x"} > (14.4 * 0.001)) without (sloth_window))`,
    labels: { ...labels, severity, sloth_severity: severity },
    annotations: {
      summary: 'budget burn',
      title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
      ...(runbookUrl ? { runbook_url: runbookUrl } : {}),
    },
  };
}

const SLO_RULES = {
  groups: [
    {
      name: 'sloth-slo-alerts-scoring-api-availability',
      rules: (['page', 'ticket'] as const).map(severity =>
        sloAlert(
          'ScoringApiAvailabilityBudgetBurn',
          severity,
          { service: 'scoring-api' },
          `${DOCS}/high-error-rate/`,
        ),
      ),
    },
    {
      name: 'sloth-slo-alerts-scoring-api-latency',
      rules: (['page', 'ticket'] as const).map(severity =>
        sloAlert(
          'ScoringApiLatencyBudgetBurn',
          severity,
          { service: 'scoring-api' },
          `${DOCS}/high-latency/`,
        ),
      ),
    },
    {
      name: 'checkout-alerts',
      rules: [
        sloAlert('CheckoutErrors', 'page', { service: 'checkout' }),
        sloAlert(
          'CheckoutLatency',
          'page',
          { sloth_service: 'checkout' },
          'https://wiki.example.com/checkout-latency',
        ),
      ],
    },
  ],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** TechDocs' static route serving `pages` of the scoring API's site. */
function techDocsRoute(pages: string[] | 'down'): FakeRoute {
  return {
    plugin: 'techdocs',
    operation: 'GET /static/docs/{namespace}/{kind}/{name}/{page}/index.html',
    answer: params => {
      if (pages === 'down') {
        return {
          status: 503,
          body: 'Service Unavailable',
          contentType: 'text/plain',
        };
      }
      const found =
        `${params.namespace}/${params.kind}/${params.name}` ===
          'default/component/scoring-api' && pages.includes(params.page);
      return found
        ? {
            body: `<html><h1>${params.page}</h1></html>`,
            contentType: 'text/html',
          }
        : {
            status: 404,
            body: {
              error: { name: 'NotFoundError', message: 'File Not Found' },
            },
          };
    },
  };
}

const entityNamed = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});

describe('the runbooks provider against a real Prometheus and the TechDocs static route', () => {
  let plugins: FakePlugins;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string;
  let dir: string;

  beforeAll(async () => {
    if (spawnSync('sh', ['-c', 'command -v prometheus']).status !== 0) {
      throw new Error(
        "prometheus is not installed (apt-get install prometheus; CI's .ci/run installs it)",
      );
    }
    plugins = await startFakePlugins();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-runbooks-'));
    const sloRules = path.join(dir, 'slo-rules.yml');
    fs.writeFileSync(sloRules, stringify(SLO_RULES));
    const configFile = path.join(dir, 'prometheus.yml');
    fs.writeFileSync(
      configFile,
      stringify({
        global: { evaluation_interval: '1m' },
        rule_files: [
          path.join(REPO_ROOT, 'ops', 'prometheus', 'rules', 'targets.yml'),
          sloRules,
        ],
      }),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
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
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(r => prometheus!.once('exit', r));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await plugins?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    {
      name: "the scoring API's four SLO alerts with TechDocs runbooks pass (TargetDown has no service label)",
      entity: scoringApi,
      pages: ['high-error-rate', 'high-latency'],
      status: 'pass',
      measurements: {
        alerts: 4,
        alertsWithoutRunbook: 0,
        runbooksUnresolved: 0,
      },
    },
    {
      name: 'a runbook page TechDocs does not have fails',
      entity: scoringApi,
      pages: ['high-error-rate'],
      status: 'fail',
      measurements: {
        alerts: 4,
        alertsWithoutRunbook: 0,
        runbooksUnresolved: 2,
      },
    },
    {
      name: 'an alert without runbook_url and a runbook outside TechDocs fail (service and sloth_service labels)',
      entity: entityNamed('checkout'),
      pages: [],
      status: 'fail',
      measurements: {
        alerts: 2,
        alertsWithoutRunbook: 1,
        runbooksUnresolved: 1,
      },
    },
    {
      name: 'a service without alerts fails',
      entity: entityNamed('ghost'),
      pages: [],
      status: 'fail',
      measurements: {
        alerts: 0,
        alertsWithoutRunbook: 0,
        runbooksUnresolved: 0,
      },
    },
  ])('$name', async ({ entity, pages, status, measurements }) => {
    plugins.setRoutes([techDocsRoute(pages)]);
    const result = await runCheck({
      provider: runbooksProvider,
      plugins,
      entity,
      now: NOW,
      prometheusUrl,
    });
    expect(result.status).toBe(status);
    expect(result.evidence.measurements).toEqual(measurements);
  });

  it('fetches each runbook once from the static route, with a token for TechDocs', async () => {
    plugins.setRoutes([techDocsRoute(['high-error-rate', 'high-latency'])]);
    const result = await runCheck({
      provider: runbooksProvider,
      plugins,
      now: NOW,
      prometheusUrl,
    });
    expect(plugins.requests.map(r => r.path).sort()).toEqual([
      '/static/docs/default/component/scoring-api/high-error-rate/index.html',
      '/static/docs/default/component/scoring-api/high-latency/index.html',
    ]);
    expect(plugins.requests[0].authorization).toContain('"target":"techdocs"');
    expect(result.evidence.links).toEqual([
      {
        title: 'Runbook of ScoringApiAvailabilityBudgetBurn',
        url: `${DOCS}/high-error-rate/`,
      },
      {
        title: 'Runbook of ScoringApiLatencyBudgetBurn',
        url: `${DOCS}/high-latency/`,
      },
    ]);
  });

  it('is unknown when TechDocs is down, not a missing runbook', async () => {
    plugins.setRoutes([techDocsRoute('down')]);
    const result = await runCheck({
      provider: runbooksProvider,
      plugins,
      now: NOW,
      prometheusUrl,
    });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toBe(
      `cannot check runbook ${DOCS}/high-error-rate/: the techdocs API (GET /static/docs/default/component/scoring-api/high-error-rate/index.html) answered 503: Service Unavailable`,
    );
  });

  it('is unknown when Prometheus cannot be read or is not configured', async () => {
    plugins.setRoutes([techDocsRoute([])]);
    const down = await runCheck({
      provider: runbooksProvider,
      plugins,
      now: NOW,
      prometheusUrl: `http://127.0.0.1:${await freePort()}`,
    });
    expect(down.status).toBe('unknown');
    expect(down.evidence.reason).toMatch(
      /^cannot read Prometheus's alerting rules at http:\/\/127.0.0.1:\d+: fetch failed$/,
    );
    const unset = await runCheck({
      provider: runbooksProvider,
      plugins,
      now: NOW,
    });
    expect(unset.evidence.reason).toBe(
      'no Prometheus is configured (vigil.prometheus.url)',
    );
  });
});

describe('techDocsStaticPath', () => {
  it.each([
    [
      `${DOCS}/high-latency/`,
      {
        path: '/static/docs/default/component/scoring-api/high-latency/index.html',
      },
    ],
    [
      `${APP_BASE_URL}/docs/Default/Component/Scoring-API`,
      { path: '/static/docs/default/component/scoring-api/index.html' },
    ],
    [
      `${DOCS}/a/b/c`,
      { path: '/static/docs/default/component/scoring-api/a/b/c/index.html' },
    ],
    [
      `${APP_BASE_URL}/docs/default/component`,
      { problem: 'names no TechDocs site (/docs/<namespace>/<kind>/<name>)' },
    ],
    // The URL parser resolves encoded dot-segments: a plain site, no escape.
    [
      `${APP_BASE_URL}/docs/default/component/x/%2E%2E/y`,
      { path: '/static/docs/default/component/y/index.html' },
    ],
    [
      `${APP_BASE_URL}/docs/default/component/x/..%2F..%2Fsecrets`,
      { problem: 'names no TechDocs site (/docs/<namespace>/<kind>/<name>)' },
    ],
    [
      'http://evil.example/docs/default/component/scoring-api/',
      {
        problem:
          'not a TechDocs page of this portal (http://localhost:3000/docs/...)',
      },
    ],
    ['not a url', { problem: 'not a URL: not a url' }],
  ])('%s', (url, expected) => {
    expect(techDocsStaticPath(url, APP_BASE_URL)).toEqual(expected);
  });

  it.each([
    [
      'http://localhost:3000/docs/default/component/scoring-api/high-latency/',
      {
        path: '/static/docs/default/component/scoring-api/high-latency/index.html',
      },
    ],
    [
      'http://localhost:7007/docs/default/component/scoring-api/',
      { path: '/static/docs/default/component/scoring-api/index.html' },
    ],
    [
      'http://localhost:9999/docs/default/component/scoring-api/',
      {
        problem:
          'not a TechDocs page of this portal (http://localhost:7007/docs/... or http://localhost:3000/docs/...)',
      },
    ],
  ])('under the portal or its alias: %s', (url, expected) => {
    expect(
      techDocsStaticPath(url, 'http://localhost:7007', [
        'http://localhost:3000',
      ]),
    ).toEqual(expected);
  });
});
