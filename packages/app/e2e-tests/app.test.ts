import { Page, test, expect } from '@playwright/test';

/** Every test starts in a fresh browser context, so on the sign-in page. */
async function signInAsGuest(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('the portal lists the scoring API and shows its runbooks', async ({
  page,
}) => {
  await signInAsGuest(page, '/');

  // The catalog is the home page. The guest belongs to SRE, so the list opens
  // on SRE's components; the production service is payments' and under All.
  await page.getByText('All', { exact: true }).first().click();
  await page.getByPlaceholder('Search').fill('scoring');
  const serviceLink = page.getByRole('link', { name: 'Scoring API' }).first();
  await expect(serviceLink).toBeVisible({ timeout: 60_000 });
  await serviceLink.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/scoring-api/);
  await expect(
    page.getByRole('link', { name: 'Payments' }).first(),
  ).toBeVisible();

  // Its runbooks, built by TechDocs with Debian's mkdocs.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'TechDocs' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Scoring API runbooks' }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await page.goto('/docs/default/component/scoring-api/high-error-rate/');
  await expect(
    page.getByRole('heading', { name: 'High error rate' }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('heading', { name: '1. Confirm and size it' }),
  ).toBeVisible();
});

test('search finds a runbook', async ({ page }) => {
  await signInAsGuest(page, '/search?query=feature%20store%20outage');
  // The index builds a few seconds after the backend starts.
  const result = page.getByRole('link', { name: /Feature store outage/i }).first();
  await expect(async () => {
    await page.reload();
    await expect(result).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await result.click();
  await expect(
    page.getByRole('heading', { name: 'Feature store outage' }).first(),
  ).toBeVisible({ timeout: 60_000 });
});

test('Prometheus scrapes the scoring API', async ({ request }) => {
  const res = await request.get(
    `http://127.0.0.1:9090/api/v1/query?query=${encodeURIComponent('up{job="scoring-api"}')}`,
  );
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body.data.result[0].value[1]).toBe('1');
});
