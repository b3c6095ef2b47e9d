// "Add your service" from the click to a working service page (figures,
// never pass/fail): against a running portal (`./vigil start`; its local
// OpenID Provider signs the demo user in, as a browser would), it runs the
// template `--runs` times through the scaffolder API and times, from the
// POST of each task: the entity in the catalog, the task done, the runbook
// published and the SLOs read. Then it removes what it created (the service
// folders and their published docs) unless --keep.
//
//   node loadtest/onboarding-benchmark.mjs [--runs 5] [--user carol]
//        [--owner group:default/payments] [--portal http://localhost:7007]
//        [--catalog-folder .data/catalog] [--keep]
//
// The catalog folder must be the portal's `vigil.onboarding.catalogFolder`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { request } from '@playwright/test';
import { checkNonNegative, failer } from './lib/cli.mjs';
import { root, sleep } from './lib/process.mjs';
import { log, printJson, table } from './lib/report.mjs';
import { percentiles } from './lib/stats.mjs';

const fail = failer('onboarding-benchmark');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    user: { type: 'string', default: 'carol' },
    owner: { type: 'string', default: 'group:default/payments' },
    portal: { type: 'string', default: 'http://localhost:7007' },
    'catalog-folder': { type: 'string', default: '.data/catalog' },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
checkNonNegative('onboarding-benchmark', { runs }, { integer: true });
if (!runs) fail('--runs must be above 0');
const portal = values.portal.replace(/\/$/, '');
const catalogFolder = path.resolve(root, values['catalog-folder']);
const techdocsFolder = path.join(root, '.data/techdocs/default/component');
const timeoutMs = 120_000;

/** Signs the demo user in through the local OP (the popup flow's requests). */
async function signIn(context, user) {
  const password = fs
    .readFileSync(path.join(root, '.data/oidc-demo-password'), 'utf8')
    .trim();
  const start = await context.get(
    `${portal}/api/auth/oidc/start?env=development&scope=${encodeURIComponent(
      'openid profile email',
    )}&origin=${encodeURIComponent(portal)}&flow=popup`,
  );
  const form = /action="([^"]+)"/.exec(await start.text())?.[1];
  if (!form) fail(`the OP's login form was not found (${start.status()})`);
  const done = await context.post(new URL(form, start.url()).toString(), {
    form: { login: user, password },
  });
  if (!done.url().startsWith(`${portal}/api/auth/oidc/handler/frame`)) {
    fail(`sign-in as ${user} failed: ${done.status()} ${done.url()}`);
  }
  const refresh = await context.get(
    `${portal}/api/auth/oidc/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  return (await refresh.json()).backstageIdentity.token;
}

/** One template run: milliseconds from the POST to each milestone. */
async function timeOneRun(context, headers, name) {
  const t0 = Date.now();
  const created = await context.post(`${portal}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/add-service',
      values: {
        name,
        title: `Benchmark ${name}`,
        description: 'Created by loadtest/onboarding-benchmark.mjs',
        owner: values.owner,
        prometheusJob: 'scoring-api',
        availabilityObjective: 99.5,
        latencyObjective: 95,
        latencyThresholdMs: 500,
      },
    },
  });
  if (created.status() !== 201) {
    throw new Error(
      `POST /v2/tasks answered ${created.status()}: ${await created.text()}`,
    );
  }
  const { id } = await created.json();
  const at = {};
  const ok = async url => (await context.get(url, { headers })).ok();
  while (Object.keys(at).length < 4 && Date.now() - t0 < timeoutMs) {
    if (!at.task) {
      const task = await (
        await context.get(`${portal}/api/scaffolder/v2/tasks/${id}`, {
          headers,
        })
      ).json();
      if (task.status === 'failed') throw new Error(`task ${id} failed`);
      if (task.status === 'completed') at.task = Date.now() - t0;
    }
    if (
      !at.entity &&
      (await ok(
        `${portal}/api/catalog/entities/by-name/component/default/${name}`,
      ))
    ) {
      at.entity = Date.now() - t0;
    }
    if (
      !at.docs &&
      (await ok(
        `${portal}/api/techdocs/static/docs/default/component/${name}/index.html`,
      ))
    ) {
      at.docs = Date.now() - t0;
    }
    if (!at.slos) {
      const res = await context.get(
        `${portal}/api/slo/entities/component/default/${name}/slos`,
        { headers },
      );
      if (res.ok() && ((await res.json()).slos ?? []).length > 0) {
        at.slos = Date.now() - t0;
      }
    }
    await sleep(100);
  }
  return at;
}

const context = await request.newContext();
const token = await signIn(context, values.user);
const headers = {
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
};
const names = [];
const samples = { entity: [], task: [], docs: [], slos: [] };
try {
  for (let run = 1; run <= runs; run++) {
    const name = `bench-${Date.now().toString(36)}-${run}`;
    names.push(name);
    const at = await timeOneRun(context, headers, name);
    log(
      `run ${run}/${runs} ${name}: ${Object.entries(at)
        .map(([k, ms]) => `${k} ${ms} ms`)
        .join(', ')}`,
    );
    for (const key of Object.keys(samples)) {
      if (at[key] === undefined) {
        throw new Error(`${name}: no ${key} within ${timeoutMs} ms`);
      }
      samples[key].push(at[key]);
    }
  }
} finally {
  if (!values.keep) {
    // The catalog's provider drops the entities at its next scan.
    for (const name of names) {
      fs.rmSync(path.join(catalogFolder, name), {
        recursive: true,
        force: true,
      });
      fs.rmSync(path.join(techdocsFolder, name), {
        recursive: true,
        force: true,
      });
    }
  }
  await context.dispose();
}

const rows = [
  ['entity in the catalog', 'entity'],
  ['task completed', 'task'],
  ['runbook published', 'docs'],
  ['SLOs read', 'slos'],
].map(([milestone, key]) => ({ milestone, ...percentiles(samples[key], 0) }));
console.log(
  table(rows, [
    ['milestone', 'ms after "Create"'],
    ['p50', 'p50'],
    ['p95', 'p95'],
    ['max', 'max'],
  ]),
);
printJson({ runs, user: values.user, milestonesMs: rows });
