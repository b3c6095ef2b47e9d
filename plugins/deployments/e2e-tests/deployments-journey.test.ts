import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { formatVersion } from '@vigil/backstage-plugin-deployments-common';
import { apiHeaders, guestHeaders, signIn } from '@vigil/e2e-kit';

// Deployments, end to end against the platform ./vigil start runs
// (scripts/e2e.sh): HAProxy in front of the blue scoring API, the deploy
// token in .data/deploy-token. The journey releases the working tree with
// the real CLI (build, green instance, smoke tests, switch, a short watch),
// then Dmitri (payments, which owns the scoring API) finds the release on
// the entity's Deployments tab and beside an incident declared after it.
const run = Date.now().toString(36);
const repoRoot = path.resolve(__dirname, '../../..');
const backend = 'http://127.0.0.1:7007';
const entityRef = 'component:default/scoring-api';

const execFileAsync = promisify(execFile);

/** `yarn vigil-deploy <args>` from the repository root, as an operator runs it. */
async function vigilDeploy(args: string[]) {
  const token = readFileSync(
    path.join(repoRoot, '.data', 'deploy-token'),
    'utf8',
  ).trim();
  try {
    return await execFileAsync('yarn', ['vigil-deploy', ...args], {
      cwd: repoRoot,
      env: { ...process.env, VIGIL_DEPLOY_TOKEN: token },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `vigil-deploy ${args.join(' ')} failed: ${(error as Error).message}\n${
        stdout ?? ''
      }\n${stderr ?? ''}`,
    );
  }
}

test('a real blue-green deploy shows on the Deployments tab and beside an incident declared after it', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);

  // 1. Release the working tree with the CLI: it records the deploy in the
  // portal with the deploy token as it goes.
  const before = new Date(Date.now() - 1_000).toISOString();
  const deployed = await vigilDeploy(['deploy', '--watch', '5']);
  expect(deployed.stderr).toMatch(/vigil-deploy: succeeded/);

  // Sign-in needs Dmitri in the catalog, which a fresh platform may still be
  // ingesting when the journey runs first.
  const guest = await guestHeaders(request);
  await expect(async () => {
    const res = await request.get(
      `${backend}/api/catalog/entities/by-name/user/default/dmitri`,
      { headers: guest },
    );
    expect(res.status()).toBe(200);
  }).toPass({ timeout: 120_000, intervals: [2_000] });

  // The record the CLI posted, read back as Dmitri (any reader of the entity).
  await signIn(page, 'dmitri', '/catalog/default/component/scoring-api');
  const headers = await apiHeaders(page);
  const list = await request.get(`${backend}/api/deployments/deployments`, {
    params: { entityRef, kind: 'deploy', from: before, limit: 1 },
    headers,
  });
  expect(list.ok()).toBe(true);
  const [record] = (await list.json()).items as Array<{
    id: string;
    outcome: string;
    release: { version: string; commit: string };
    trafficSwitchedAt?: string;
  }>;
  // When the portal was unreachable the CLI kept the record locally and
  // said so on stderr.
  expect(
    record,
    `no deploy recorded since ${before}; vigil-deploy said:\n${deployed.stderr}`,
  ).toBeDefined();
  expect(record.outcome).toBe('succeeded');
  expect(record.trafficSwitchedAt).toBeTruthy();
  const version = formatVersion(record.release.version);

  // 2. The scoring API's Deployments tab lists it, with its steps.
  await page.goto('/catalog/default/component/scoring-api/deployments');
  const releases = page.getByRole('table', { name: 'Releases' });
  const row = releases
    .getByTestId('release-row')
    .filter({ hasText: version })
    .first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText(record.release.commit.slice(0, 7));
  await expect(row).toContainText('Succeeded');
  await row
    .getByRole('button', { name: `Show the steps of ${version}` })
    .click();
  const details = page.getByTestId(`release-details-${record.id}`);
  await expect(details.getByRole('table', { name: 'Steps' })).toBeVisible();
  await expect(
    details.getByRole('table', { name: 'Smoke checks' }),
  ).toContainText('passed');
  await expect(page.getByTestId('dora-frequency')).not.toContainText('No data');

  // 3. An incident on the scoring API, declared after the release: its page
  // says what changed, timed against the incident's start.
  const declared = await request.post(`${backend}/api/incidents/incidents`, {
    headers,
    data: {
      title: `Scoring errors after a release ${run}`,
      severity: 'SEV3',
      entityRefs: [entityRef],
    },
  });
  expect(declared.status()).toBe(201);
  const incidentId = (await declared.json()).incident.id as string;

  await page.goto(`/incidents/${encodeURIComponent(incidentId)}`);
  const whatChanged = page.getByTestId('what-changed');
  const item = whatChanged
    .getByTestId('what-changed-item')
    .filter({ hasText: `deployed ${version} ` })
    .first();
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item).toContainText(/minutes? before the incident/);
  const tabLink = item.getByRole('link', { name: 'Deployments' });
  await expect(tabLink).toHaveAttribute(
    'href',
    /\/catalog\/default\/component\/scoring-api\/deployments$/,
  );
  await tabLink.click();
  await expect(page.getByRole('table', { name: 'Releases' })).toContainText(
    version,
  );
});
