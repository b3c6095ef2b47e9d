// The sandbox (`./vigil start --sandbox`, or VIGIL_SANDBOX=1): synthetic
// services in one process (packages/sandbox-service, 127.0.0.1:8090) with a
// traffic generator, scraped by Prometheus as job `sandbox` (one target per
// service, label sandbox="true"), their SLO rules, their catalog entities
// (sandbox/catalog-info.yaml, namespace `sandbox`) and TechDocs. Without the
// flag none of it runs, is scraped or appears in the catalog.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prometheusUrl } from './services.mjs';

export const SANDBOX_URL = 'http://127.0.0.1:8090';
/** Relative to the repository root; app-config.yaml's catalog location reads it. */
export const SANDBOX_CATALOG = 'sandbox/catalog-info.yaml';
/** The synthetic services (packages/sandbox-service/src/catalog.ts). */
export const SANDBOX_SERVICES = ['checkout', 'inventory'];

/** On with --sandbox or VIGIL_SANDBOX=1|true|on|yes. */
export function sandboxEnabled(argv, env) {
  return (
    argv.includes('--sandbox') ||
    /^(1|true|on|yes)$/i.test(env.VIGIL_SANDBOX ?? '')
  );
}

/**
 * The sandbox process for the Supervisor: its TypeScript sources through
 * Backstage's transform (as the backend runs), no yarn or watcher around it.
 */
export function sandboxService({ root, env = process.env }) {
  const require = createRequire(
    path.join(root, 'packages/backend/package.json'),
  );
  return {
    name: 'sandbox',
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'packages/sandbox-service/src/index.ts',
    ],
    env: {
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: '8090',
      // Its reset deletes the sandbox's series there (admin API).
      VIGIL_PROMETHEUS_URL: prometheusUrl,
    },
    // Read at spawn time, after ensureSecrets().
    secretEnv: () => ({
      VIGIL_SANDBOX_ADMIN_TOKEN: env.VIGIL_SANDBOX_ADMIN_TOKEN,
    }),
    ports: [8090],
    ready: `${SANDBOX_URL}/healthz`,
  };
}

/**
 * The sandbox job's file_sd targets (ops/prometheus/prometheus.yml): one
 * per synthetic service, on the same port, each scraping only its own
 * series (`/metrics?service=<name>`); none when the sandbox is off, which
 * also clears an earlier run's.
 */
export function sandboxTargets(enabled) {
  if (!enabled) return [];
  return SANDBOX_SERVICES.map(name => ({
    targets: ['127.0.0.1:8090'],
    labels: {
      __param_service: name,
      service: `sandbox-${name}`,
      sandbox: 'true',
    },
  }));
}

export function writeSandboxTargets(dataDir, enabled) {
  const dir = path.join(dataDir, 'prometheus-sandbox-targets');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'sandbox.json'),
    `${JSON.stringify(sandboxTargets(enabled), null, 2)}\n`,
  );
}

/**
 * What the launcher does for the sandbox before anything starts (`argv`:
 * its options). The environment it sets is inherited by the backend
 * (app-config.yaml's catalog location), scripts/build-techdocs.cjs and
 * Prometheus (its admin API, for resets): one switch. Returns the catalog
 * files whose SLO specs get Prometheus rules, the services and scrape jobs
 * to add (none when off) and the launcher's line about it.
 */
export function prepareSandbox({ root, dataDir, argv, env = process.env }) {
  const enabled = sandboxEnabled(argv, env);
  writeSandboxTargets(dataDir, enabled);
  if (!enabled) {
    // A stray variable in the shell must not bring the sandbox's entities in.
    delete env.VIGIL_SANDBOX_CATALOG;
    return { enabled, catalogs: ['catalog-info.yaml'], services: [], jobs: [] };
  }
  env.VIGIL_SANDBOX_CATALOG = SANDBOX_CATALOG;
  // A reset deletes the sandbox's series (else the last exercise's burn
  // stays in the 30-day budget); VIGIL_PROMETHEUS_ADMIN_API=0 keeps it off.
  env.VIGIL_PROMETHEUS_ADMIN_API ??= '1';
  return {
    enabled,
    catalogs: ['catalog-info.yaml', SANDBOX_CATALOG],
    services: [sandboxService({ root, env })],
    jobs: ['sandbox'],
    summary: portal => sandboxSummary({ portal, env }),
  };
}

/** The launcher's line about the sandbox once it is up. */
export function sandboxSummary({ portal, env = process.env }) {
  const history =
    env.VIGIL_PROMETHEUS_ADMIN_API === '1'
      ? 'a reset deletes its Prometheus series'
      : 'VIGIL_PROMETHEUS_ADMIN_API is off, so a reset keeps its Prometheus series';
  return `sandbox: synthetic services ${SANDBOX_SERVICES.join(
    ', ',
  )} at ${SANDBOX_URL} (not real; Prometheus job "sandbox", catalog namespace "sandbox"); inject faults at ${portal}/sandbox (${history}; admin token in .data/sandbox-admin-token)`;
}
