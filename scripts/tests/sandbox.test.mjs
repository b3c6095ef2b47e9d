// The sandbox's launcher pieces (scripts/lib/sandbox.mjs) and the files they
// tie together: sandbox/catalog-info.yaml, its SLO specs, the Prometheus
// job and the catalog location in app-config.yaml.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { generateSloRules, secrets } from '../lib/platform-files.mjs';
import {
  SANDBOX_CATALOG,
  SANDBOX_SERVICES,
  prepareSandbox,
  sandboxEnabled,
  sandboxService,
  sandboxTargets,
} from '../lib/sandbox.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const read = file => fs.readFileSync(path.join(root, file), 'utf8');
const entitiesOf = file =>
  parseAllDocuments(read(file))
    .map(d => d.toJS())
    .filter(Boolean);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sandbox-'));

for (const [argv, env, expected] of [
  [[], {}, false],
  [['--sandbox'], {}, true],
  [['--built-app'], { VIGIL_SANDBOX: '1' }, true],
  [[], { VIGIL_SANDBOX: 'true' }, true],
  [[], { VIGIL_SANDBOX: 'on' }, true],
  [[], { VIGIL_SANDBOX: '0' }, false],
  [[], { VIGIL_SANDBOX: 'off' }, false],
  [[], { VIGIL_SANDBOX: '' }, false],
]) {
  test(`sandboxEnabled(${JSON.stringify(argv)}, ${JSON.stringify(
    env,
  )}) is ${expected}`, () => {
    assert.equal(sandboxEnabled(argv, env), expected);
  });
}

test('one scrape target per synthetic service, none when off', () => {
  assert.deepEqual(sandboxTargets(false), []);
  assert.deepEqual(sandboxTargets(true), [
    {
      targets: ['127.0.0.1:8090'],
      labels: {
        __param_service: 'checkout',
        service: 'sandbox-checkout',
        sandbox: 'true',
      },
    },
    {
      targets: ['127.0.0.1:8090'],
      labels: {
        __param_service: 'inventory',
        service: 'sandbox-inventory',
        sandbox: 'true',
      },
    },
  ]);
});

test('on: the service, its job, the catalog and the admin API of Prometheus', () => {
  const dataDir = tmp();
  const env = { VIGIL_SANDBOX_ADMIN_TOKEN: 't'.repeat(32) };
  const sandbox = prepareSandbox({ root, dataDir, argv: ['--sandbox'], env });
  assert.equal(sandbox.enabled, true);
  assert.deepEqual(sandbox.catalogs, ['catalog-info.yaml', SANDBOX_CATALOG]);
  assert.deepEqual(sandbox.jobs, ['sandbox']);
  assert.equal(env.VIGIL_SANDBOX_CATALOG, 'sandbox/catalog-info.yaml');
  assert.equal(env.VIGIL_PROMETHEUS_ADMIN_API, '1');
  const [service] = sandbox.services;
  assert.equal(service.name, 'sandbox');
  assert.deepEqual(service.ports, [8090]);
  assert.equal(service.ready, 'http://127.0.0.1:8090/healthz');
  assert.equal(service.secretEnv().VIGIL_SANDBOX_ADMIN_TOKEN, 't'.repeat(32));
  assert.equal(service.env.SANDBOX_HOST, '127.0.0.1');
  assert.match(sandbox.summary('http://localhost:3000'), /not real/);
  const targets = JSON.parse(
    fs.readFileSync(
      path.join(dataDir, 'prometheus-sandbox-targets/sandbox.json'),
      'utf8',
    ),
  );
  assert.equal(targets.length, 2);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('on: an explicit VIGIL_PROMETHEUS_ADMIN_API=0 stays off', () => {
  const dataDir = tmp();
  const env = { VIGIL_PROMETHEUS_ADMIN_API: '0' };
  const sandbox = prepareSandbox({ root, dataDir, argv: ['--sandbox'], env });
  assert.equal(env.VIGIL_PROMETHEUS_ADMIN_API, '0');
  assert.match(sandbox.summary('http://x'), /keeps its Prometheus series/);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('off: nothing runs, no targets, and a stray catalog variable is dropped', () => {
  const dataDir = tmp();
  const env = { VIGIL_SANDBOX_CATALOG: 'sandbox/catalog-info.yaml' };
  const sandbox = prepareSandbox({ root, dataDir, argv: [], env });
  assert.equal(sandbox.enabled, false);
  assert.deepEqual(sandbox.services, []);
  assert.deepEqual(sandbox.jobs, []);
  assert.deepEqual(sandbox.catalogs, ['catalog-info.yaml']);
  assert.equal(env.VIGIL_SANDBOX_CATALOG, undefined);
  assert.equal(env.VIGIL_PROMETHEUS_ADMIN_API, undefined);
  assert.equal(
    fs.readFileSync(
      path.join(dataDir, 'prometheus-sandbox-targets/sandbox.json'),
      'utf8',
    ),
    '[]\n',
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the sandbox process runs its TypeScript entry point', () => {
  const service = sandboxService({ root, env: {} });
  assert.equal(service.command, process.execPath);
  assert.ok(service.args.includes('packages/sandbox-service/src/index.ts'));
  assert.ok(fs.existsSync(path.join(root, service.args.at(-1))));
});

test('its admin token is one of the local secrets', () => {
  assert.ok(
    secrets.some(
      s =>
        s.env === 'VIGIL_SANDBOX_ADMIN_TOKEN' &&
        s.file === 'sandbox-admin-token',
    ),
  );
});

test('app-config.yaml reads the sandbox catalog only through VIGIL_SANDBOX_CATALOG', () => {
  const { locations } = parse(read('app-config.yaml')).catalog;
  const sandbox = locations.filter(l => l.target.includes('VIGIL_SANDBOX'));
  assert.deepEqual(sandbox, [
    {
      type: 'file',
      target: '../../${VIGIL_SANDBOX_CATALOG:-sandbox/off.yaml}',
    },
  ]);
  // Off, the location is a file of comments: no entities.
  assert.deepEqual(entitiesOf('sandbox/off.yaml'), []);
  assert.ok(!read('catalog-info.yaml').includes('namespace: sandbox'));
});

test('every sandbox entity is in namespace sandbox, tagged and annotated', () => {
  const entities = entitiesOf(SANDBOX_CATALOG);
  assert.deepEqual(
    entities.map(e => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`),
    [
      'System:sandbox/sandbox',
      ...SANDBOX_SERVICES.map(name => `Component:sandbox/${name}`),
    ],
  );
  for (const entity of entities) {
    assert.equal(entity.metadata.annotations['vigil.dev/sandbox'], 'true');
    assert.ok(entity.metadata.tags.includes('sandbox'));
  }
  assert.match(entities[0].metadata.title, /^Sandbox: synthetic, not real/);
});

test('each sandbox component: its SLO spec, metrics, alerts and runbook agree', () => {
  const realAlertServices = entitiesOf('catalog-info.yaml').flatMap(e =>
    (e.metadata.annotations?.['vigil.dev/alert-service'] ?? '').split(','),
  );
  for (const entity of entitiesOf(SANDBOX_CATALOG).filter(
    e => e.kind === 'Component',
  )) {
    const a = entity.metadata.annotations;
    const service = `sandbox-${entity.metadata.name}`;
    assert.equal(a['vigil.dev/alert-service'], service);
    assert.ok(!realAlertServices.includes(service));
    assert.equal(
      a['vigil.dev/prometheus-selector'],
      `job="sandbox",service="${service}"`,
    );
    assert.equal(a['vigil.dev/health-metrics'], 'prom-client');
    const spec = parse(read(path.join('sandbox', a['vigil.dev/slo-spec'])));
    assert.equal(spec.service, service);
    assert.equal(spec.labels.sandbox, 'true');
    for (const slo of spec.slos) {
      assert.match(slo.sli.events.total_query, /job="sandbox"/);
      assert.equal(slo.alerting.labels.service, service);
    }
    const docs = path.join(
      'sandbox',
      a['backstage.io/techdocs-ref'].replace(/^dir:/, ''),
    );
    assert.ok(fs.existsSync(path.join(root, docs, 'mkdocs.yml')));
    assert.ok(fs.existsSync(path.join(root, docs, 'docs/index.md')));
  }
});

test('Prometheus scrapes the sandbox job from the targets the launcher writes', () => {
  const config = parse(read('ops/prometheus/prometheus.yml'));
  const job = config.scrape_configs.find(c => c.job_name === 'sandbox');
  assert.deepEqual(job.file_sd_configs[0].files, [
    '../../.data/prometheus-sandbox-targets/*.json',
  ]);
  assert.equal(job.honor_labels, true);
  // The scoring API's job reads every file of prometheus-targets/: not there.
  const scoring = config.scrape_configs.find(c => c.job_name === 'scoring-api');
  assert.ok(!scoring.file_sd_configs[0].files.some(f => f.includes('sandbox')));
});

test('generateSloRules writes the sandbox rules beside, not over, real ones', () => {
  const dataDir = tmp();
  const notes = [];
  generateSloRules({
    root,
    dataDir,
    note: m => notes.push(m),
    catalogs: [SANDBOX_CATALOG],
  });
  const files = fs.readdirSync(path.join(dataDir, 'prometheus-rules')).sort();
  assert.deepEqual(files, [
    'slo-component-sandbox-checkout.yml',
    'slo-component-sandbox-inventory.yml',
  ]);
  assert.ok(
    notes.every(n => n.includes('written')),
    notes.join('\n'),
  );
  const promtool = spawnSync('sh', ['-c', 'command -v promtool']);
  if (promtool.status === 0) {
    const check = spawnSync(
      'promtool',
      [
        'check',
        'rules',
        ...files.map(f => path.join(dataDir, 'prometheus-rules', f)),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(check.status, 0, check.stdout + check.stderr);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});
