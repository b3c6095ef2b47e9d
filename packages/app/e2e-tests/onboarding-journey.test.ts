import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { apiHeaders, signIn } from '@vigil/e2e-kit';

// A new team's first hour, end to end against the platform ./vigil start
// runs (scripts/e2e.sh: the built app, the sandbox on, a fresh catalog folder
// for the template): alice signs in for the first time and follows the SRE
// tour, adds her team's service from the "Add your service" template and
// finds it in the catalog with its SLO tab and runbook, breaks a sandbox
// service and watches its SLO burn, resets the sandbox, and reports a
// problem from an error banner, which pat (a portal admin) then sees on the
// support admin page.

const backend = 'http://127.0.0.1:7007';
const serviceName = `ledger-${Date.now().toString(36)}`;

// Every other journey turns the first sign-in's tour off in its browser
// (playwright.config.ts); this one is about that first sign-in.
test.use({ storageState: { cookies: [], origins: [] } });

async function followTour(page: Page, steps: number) {
  const tooltip = page.getByRole('alertdialog');
  for (let step = 1; step <= steps; step++) {
    const next = tooltip.locator('[data-action="primary"]');
    await expect(next).toBeVisible({ timeout: 30_000 });
    await expect(next).toHaveText(
      step < steps ? `Next (${step} of ${steps})` : 'Done',
    );
    await next.click();
  }
  await expect(tooltip).toHaveCount(0);
}

async function fillTemplateField(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: false }).first();
  await field.fill(value);
}

async function entityExists(
  request: APIRequestContext,
  headers: Record<string, string>,
  name: string,
) {
  const res = await request.get(
    `${backend}/api/catalog/entities/by-name/component/default/${name}`,
    { headers },
  );
  return res.ok();
}

test('a new SRE follows the tour, adds a service from the template, breaks the sandbox and reports a problem', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(600_000);

  // 1. First sign-in: the SRE tour starts by itself and walks through the
  // SLO portfolio, the scoring API's burn rates and the incidents page.
  await signIn(page, 'alice', '/', { tours: true });
  await followTour(page, 6);
  // Remembered: a reload does not start it again.
  await page.goto('/');
  await expect(page.getByTestId('get-started')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  // 2. "Add your service", offline: the files land in the catalog folder
  // and the catalog reads them within seconds.
  await page.goto('/create/templates/default/add-service');
  await fillTemplateField(page, 'Name', serviceName);
  await fillTemplateField(page, 'Title', 'Ledger API');
  await fillTemplateField(
    page,
    'Description',
    'Books every approved payment into the ledger',
  );
  const owner = page.getByLabel('Owner', { exact: false }).first();
  await owner.click();
  await owner.fill('sre');
  await page.getByRole('option', { name: 'SRE', exact: true }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  await fillTemplateField(page, 'Prometheus job', 'scoring-api');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('link', { name: 'Open the service in the catalog' }),
  ).toBeVisible({ timeout: 120_000 });
  const headers = await apiHeaders(request, 'alice');
  await expect(async () => {
    expect(await entityExists(request, headers, serviceName)).toBe(true);
  }).toPass({ timeout: 30_000 });
  await page
    .getByRole('link', { name: 'Open the service in the catalog' })
    .click();
  await expect(page).toHaveURL(url =>
    url.pathname.startsWith(`/catalog/default/component/${serviceName}`),
  );

  // Its SLO tab reads the spec the template wrote, its runbook is published.
  await page.goto(`/catalog/default/component/${serviceName}/slos`);
  await expect(page.getByTestId(`slo-${serviceName}-availability`)).toBeVisible(
    { timeout: 90_000 },
  );
  await page.goto(`/docs/default/component/${serviceName}`);
  await expect(
    page.getByRole('heading', { name: /Ledger API/ }).first(),
  ).toBeVisible({ timeout: 60_000 });

  // 3. The sandbox: half of checkout's requests fail, its SLO burns.
  await page.goto('/sandbox');
  await expect(page.getByTestId('sandbox-service-checkout')).toBeVisible({
    timeout: 30_000,
  });
  await page.getByTestId('sandbox-fault-error-rate-checkout').fill('50');
  await page.getByTestId('sandbox-apply-checkout').click();
  await expect(page.getByTestId('sandbox-applied-checkout')).toBeVisible();
  await page.goto('/catalog/sandbox/component/checkout/slos');
  const availability = page.getByTestId('slo-sandbox-checkout-availability');
  await expect(availability).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .locator('.MuiGrid-item', { has: availability })
      .getByTestId('slo-status'),
  ).toHaveText('breaching', { timeout: 240_000 });

  // Reset in one action: faults off, sandbox incidents and history gone.
  await page.goto('/sandbox');
  await page.getByTestId('sandbox-reset').click();
  await page
    .getByRole('button', { name: /^Reset/ })
    .last()
    .click();
  await expect(page.getByTestId('sandbox-reset-result')).toBeVisible({
    timeout: 60_000,
  });

  // 4. An error screen's "Report this problem": the context goes along.
  await page.goto('/rum/errors');
  await page.getByTestId('report-problem').first().click();
  await expect(page.getByTestId('report-problem-context')).toContainText(
    '/rum/errors',
  );
  await page
    .getByTestId('report-problem-text')
    .fill('The errors page refuses me; who can grant access?');
  await page.getByTestId('report-problem-submit').click();
  await expect(page.getByTestId('report-problem-done')).toBeVisible();
  const ticketLink = page.getByTestId('report-problem-ticket-link');
  const ticketPath = (await ticketLink.getAttribute('href')) ?? '';
  const ticketId = ticketPath.split('/').pop() ?? '';
  expect(ticketId).not.toBe('');

  // 5. Pat, a portal admin, finds it on the admin page and takes it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  try {
    await signIn(admin, 'pat', '/support/admin');
    const row = admin.locator(
      `[data-testid="support-ticket-row"][data-ticket-id="${ticketId}"]`,
    );
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('who can grant access');
    await row.getByTestId('support-ticket-set-in-progress').click();
    await expect(
      row.getByTestId('support-ticket-status-in-progress'),
    ).toBeVisible();
  } finally {
    await adminContext.close();
  }

  // Alice follows it: her ticket shows the new status.
  await page.goto('/support');
  const mine = page.locator(
    `[data-testid="support-ticket-row"][data-ticket-id="${ticketId}"]`,
  );
  await expect(mine).toContainText(/in progress/i, { timeout: 30_000 });
});
