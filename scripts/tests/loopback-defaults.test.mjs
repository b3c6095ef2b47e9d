// The embedded default's listeners, as configured (README, Security > What is
// exposed). The end-to-end test packages/app/e2e-tests/exposure.test.ts checks
// the running sockets; this catches a config change before anything starts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const read = file => fs.readFileSync(path.join(root, file), 'utf8');
const loopback = /^(127\.0\.0\.1|\[::1\]|localhost)$/;

test('app-config.yaml binds the backend and the dev server to loopback', () => {
  const config = parse(read('app-config.yaml'));
  assert.equal(config.backend.listen.host, '127.0.0.1');
  assert.equal(config.app.listen.host, '127.0.0.1');
});

test('every address flag ./vigil start passes is a loopback one', () => {
  // The service list ./vigil start runs (scripts/start.mjs takes it from there).
  const start = read('scripts/lib/services.mjs');
  const flags = [
    ...start.matchAll(/'--([a-z.-]*(?:listen-address|smtp|http))=([^']*)'/g),
  ];
  assert.ok(flags.length >= 4, `found only ${flags.map(f => f[0])}`);
  for (const [flag, , value] of flags) {
    // An empty value switches a listener off (Alertmanager's cluster port).
    if (value === '') continue;
    const host = value.slice(0, value.lastIndexOf(':'));
    assert.match(host, loopback, flag);
  }
  assert.match(start, /'--cluster\.listen-address='/);
});

test('Prometheus has no lifecycle API and its admin API is opt-in', () => {
  // The service list ./vigil start runs (scripts/start.mjs takes it from there).
  const start = read('scripts/lib/services.mjs');
  assert.doesNotMatch(start, /'--web\.enable-lifecycle'/);
  assert.match(
    start,
    /VIGIL_PROMETHEUS_ADMIN_API === '1'\s*\?\s*\['--web\.enable-admin-api'\]/,
  );
  assert.equal(start.match(/--web\.enable-admin-api/g).length, 1);
});

test('the scoring API and the backend metrics default to loopback', () => {
  assert.match(
    read('packages/scoring-api/src/config.ts'),
    /SCORING_HOST: z\.string\(\)\.min\(1\)\.default\('127\.0\.0\.1'\)/,
  );
  assert.match(
    read('packages/backend/src/instrumentation.js'),
    /VIGIL_BACKEND_METRICS_HOST \|\| '127\.0\.0\.1'/,
  );
});
