import { test, expect } from '@playwright/test';
import { signIn, signInAsGuest } from '@vigil/e2e-kit';

// Read-only pages may stay the guest's; the home page's "My services" is a
// signed-in member's (Dmitri, payments), since the guest belongs to no group.

test('the home page opens on what needs attention', async ({ page }) => {
  await signIn(page, 'dmitri', '/');
  // Not plugin-home's empty widget editor: Vigil's own widgets, filled in.
  await expect(page.getByText(/No widgets added/)).toHaveCount(0);
  for (const title of [
    'My services',
    'SLOs at risk',
    'Open incidents',
    'My action items',
    'Shortcuts',
  ]) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
  // Dmitri's services (payments owns it) include the scoring API.
  await expect(
    page.getByRole('link', { name: 'Scoring API' }).first(),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole('link', { name: /Scoring API runbooks|Runbooks/ }).first(),
  ).toBeVisible();
});

test('the portal lists the scoring API and shows its runbooks', async ({
  page,
}) => {
  // /catalog opens on All, not "Owned" (which hides everything from a new
  // user who owns nothing yet); the list keeps its filter in the URL.
  await signInAsGuest(page, '/catalog');
  await expect(page).toHaveURL(/filters%5Buser%5D=all|filters\[user\]=all/);
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
  // Built once at start: reading a page never triggers a rebuild, so no
  // "newer version" banner; each code block has one copy button, not two.
  const firstCode = page.locator('pre').first();
  await expect(firstCode).toBeVisible();
  await page.waitForTimeout(5_000);
  await expect(
    page.getByText(/newer version of this documentation/i),
  ).toHaveCount(0);
  const codeBlocks = await page.locator('pre > code').count();
  expect(codeBlocks).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: /copy/i })).toHaveCount(
    codeBlocks,
  );
});

test('the Docs index lists every site, not only owned ones', async ({
  page,
}) => {
  await signInAsGuest(page, '/docs');
  await expect(page).toHaveURL(/filters%5Buser%5D=all|filters\[user\]=all/);
  await expect(
    page.getByRole('link', { name: /scoring api/i }).first(),
  ).toBeVisible({
    timeout: 30_000,
  });
});

test('search finds a runbook', async ({ page }) => {
  await signInAsGuest(page, '/search?query=feature%20store%20outage');
  // The index builds a few seconds after the backend starts.
  const result = page
    .getByRole('link', { name: /Feature store outage/i })
    .first();
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
    `http://127.0.0.1:9090/api/v1/query?query=${encodeURIComponent(
      'up{job="scoring-api"}',
    )}`,
  );
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body.data.result[0].value[1]).toBe('1');
});
