import { expect, test } from '@playwright/test';

// Runs after packages/scoring-api/e2e-tests, whose injected errors burned the
// availability budget for real: the SLO backend evaluates that from Prometheus
// on its one-minute schedule, and the entity page must show it.
test('the scoring API entity page shows its SLOs with numbers from Prometheus', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/catalog/default/component/scoring-api/slos');
  await page.getByRole('button', { name: 'Enter' }).click();

  await expect(page.getByText('availability', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('latency', { exact: true })).toBeVisible();
  await expect(page.getByText('scoring-api/slo.yaml').first()).toBeVisible();

  // Wait for an evaluation that saw the burst of errors.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText('Page alert firing', { exact: false }).first(),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });

  await expect(page.getByText('breaching', { exact: true })).toBeVisible();
  await expect(page.getByText('99.9%', { exact: true })).toBeVisible();
  // Attainment and budget remaining are numbers computed from Prometheus
  // (objective, attainment, budget: at least three percentages on the card).
  expect(await page.getByText(/^-?[\d.]+%$/).count()).toBeGreaterThanOrEqual(3);
  // The 1h burn rate of the firing page alert is a number too.
  await expect(
    page.getByRole('row', { name: /^1h\b/ }).first(),
  ).toContainText('×');
});
