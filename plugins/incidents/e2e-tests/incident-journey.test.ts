import { APIRequestContext, expect, test } from '@playwright/test';
import { guestHeaders, signIn, signInAsGuest } from '@vigil/e2e-kit';

// Runs against the platform ./vigil start runs (scripts/e2e.sh): the real
// backend on SQLite, the local Alertmanager and Prometheus, Debian's Chromium.
// Names carry a run id because .data/ keeps earlier local runs' incidents.
const run = Date.now().toString(36);

const backend = 'http://127.0.0.1:7007';

/**
 * Waits, through the API as the guest, for an incident whose title contains
 * `text` (polling the API, not reloading a page that is still compiling).
 */
async function waitForIncident(
  request: APIRequestContext,
  text: string,
  timeoutMs: number,
): Promise<string> {
  // Reading is what the read-only guest may do.
  const headers = await guestHeaders(request);
  let id: string | undefined;
  await expect(async () => {
    const res = await request.get(`${backend}/api/incidents/incidents`, {
      params: { q: text, limit: 1 },
      headers,
    });
    id = (await res.json()).items?.[0]?.id;
    expect(id).toBeTruthy();
  }).toPass({ timeout: timeoutMs, intervals: [2_000] });
  return id!;
}

test('declare on the scoring API, resolve, write a postmortem that survives a reload, publish, find it in search', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const title = `Scoring latency spike ${run}`;

  // Declare from the entity page: the affected entity is prefilled; Dmitri,
  // a payments member and so of an owning group, may name himself commander.
  await signIn(
    page,
    'dmitri',
    '/catalog/default/component/scoring-api/incidents',
  );
  await page.getByRole('button', { name: 'Declare incident' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Declare incident' });
  await dialog.getByLabel('Title').fill(title);
  // The catalog picker shows the prefilled entity as a chip, not as text.
  await expect(
    dialog.locator('[data-entity-ref="component:default/scoring-api"]'),
  ).toBeVisible();
  // No commander by default: Dmitri, of the owning group, names himself.
  const commander = dialog.getByLabel('Commander');
  await commander.click();
  await commander.fill('dmitri');
  await page
    .getByRole('option', { name: /Dmitri/ })
    .first()
    .click();
  await dialog.getByRole('button', { name: 'Declare' }).click();

  // The incident page, with the entity's runbooks and SLOs linked.
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
  const incidentUrl = page.url();
  const affected = page.getByTestId('affected-entity').first();
  await expect(
    affected.getByRole('link', { name: /runbooks/i }),
  ).toHaveAttribute('href', /\/docs\/default\/component\/scoring-api/);
  await expect(affected.getByRole('link', { name: 'SLOs' })).toHaveAttribute(
    'href',
    /\/catalog\/default\/component\/scoring-api\/slos/,
  );

  // A second tab on the same incident follows along through signals.
  const watcher = await context.newPage();
  await watcher.goto(incidentUrl);
  await expect(watcher.getByRole('heading', { name: title })).toBeVisible();

  // A note, then resolve.
  await page.getByLabel(/^Add a note/).fill(`Rolled back release ${run}`);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText(`Rolled back release ${run}`)).toBeVisible();
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: /^Resolved/ }).click();
  await expect(
    page.getByText('Resolved', { exact: true }).first(),
  ).toBeVisible();
  await expect(watcher.getByText(`Rolled back release ${run}`)).toBeVisible({
    timeout: 15_000,
  });
  await expect(
    watcher.getByText('Resolved', { exact: true }).first(),
  ).toBeVisible({ timeout: 15_000 });
  await watcher.close();

  // Declaring notified the owners and the commander (Dmitri).
  await page.goto('/notifications');
  await expect(
    page.getByText(`SEV2 incident declared: ${title}`).first(),
  ).toBeVisible();
  await page.goto(incidentUrl);

  // The postmortem: typed text survives a reload before the autosave ran.
  await page.getByRole('button', { name: 'Create postmortem' }).click();
  await expect(page).toHaveURL(/\/postmortem$/);
  const rootCause = `Connection pool exhaustion ${run}`;
  await page.getByLabel('Root causes').fill(rootCause);
  await page.reload();
  await expect(page.getByLabel('Root causes')).toHaveValue(rootCause);
  await page
    .getByLabel('Impact')
    .fill(`Scores took 4 s for 12 minutes (${run})`);
  await expect(page.getByRole('status')).toHaveText('All changes saved', {
    timeout: 20_000,
  });
  // And it is on the server: a fresh page (no local draft) shows it.
  await page.evaluate(() =>
    Object.keys(window.localStorage)
      .filter(key => key.startsWith('vigil-incidents:'))
      .forEach(key => window.localStorage.removeItem(key)),
  );
  await page.reload();
  await expect(page.getByLabel('Root causes')).toHaveValue(rootCause);

  await page.getByRole('button', { name: 'Publish' }).click();
  await page
    .getByRole('dialog', { name: 'Publish postmortem?' })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(
    page.getByText('Published postmortems are final and read-only.'),
  ).toBeVisible();
  await expect(page.getByText(rootCause)).toBeVisible();

  await page.goto(incidentUrl);
  await expect(page.getByText(/Open postmortem \(published\)/)).toBeVisible();

  // Search finds it (the collator indexes every 15 s in development).
  await expect(async () => {
    await page.goto(`/search?query=${encodeURIComponent(`exhaustion ${run}`)}`);
    await expect(page.getByText(`Postmortem: ${title}`).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [3_000] });
});

test('an alert fired through the real Alertmanager opens an incident on the scoring API', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const summary = `Drill: scoring API burning budget ${run}`;
  const now = new Date();
  // Alertmanager routes SLO alerts (sloth_slo) to the incidents webhook with
  // its bearer token (ops/alertmanager/alertmanager.yml).
  const fired = await request.post('http://127.0.0.1:9093/api/v2/alerts', {
    data: [
      {
        labels: {
          alertname: 'VigilDrillBurnRate',
          sloth_service: 'scoring-api',
          sloth_slo: `drill-${run}`,
          sloth_severity: 'page',
        },
        annotations: { summary },
        startsAt: now.toISOString(),
        endsAt: new Date(now.getTime() + 5 * 60_000).toISOString(),
        generatorURL: 'http://127.0.0.1:9090/alerts',
      },
    ],
  });
  expect(fired.ok()).toBe(true);

  await waitForIncident(request, summary, 60_000);
  // Reading it is enough: the read-only guest.
  await signInAsGuest(page, '/incidents');
  await page.getByRole('link', { name: summary }).click();
  await expect(page.getByText('SEV2').first()).toBeVisible();
  await expect(page.getByText(/VigilDrillBurnRate/).first()).toBeVisible();

  // The backend's own metrics, scraped by Prometheus, count it.
  await expect(async () => {
    const res = await request.get('http://127.0.0.1:9090/api/v1/query', {
      params: {
        query: 'sum(vigil_incidents_declared_total{source="alertmanager"})',
      },
    });
    const body = await res.json();
    expect(Number(body.data.result[0]?.value[1] ?? 0)).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000, intervals: [3_000] });
});
