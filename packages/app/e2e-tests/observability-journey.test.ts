import { APIRequestContext, expect, test } from '@playwright/test';
import { scoringAdminHeaders, signIn } from '@vigil/e2e-kit';

// Observability end to end against the platform ./vigil start runs
// (scripts/e2e.sh: the app's production build with Grafana Faro on, the real
// Prometheus, rsyslog shipping the scoring API's and the backend's JSON logs
// into PostgreSQL): the portal's own web vitals reach Prometheus and the Vigil
// entity, a JavaScript error is grouped on the Errors page, and latency
// injected into the scoring API raises p95 on its Health tab while its Logs
// tab finds the matching slow-request lines.

const prometheus = 'http://127.0.0.1:9090';
const scoringApi = 'http://127.0.0.1:8080';

async function promValue(
  request: APIRequestContext,
  query: string,
): Promise<number | undefined> {
  const res = await request.get(`${prometheus}/api/v1/query`, {
    params: { query },
  });
  const body = await res.json();
  const [first] = body.data?.result ?? [];
  return first ? Number(first.value[1]) : undefined;
}

test('the portal watches itself: web vitals in Prometheus and on the Vigil entity, a JavaScript error grouped', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // Pat is a portal admin: the Errors page is theirs.
  await signIn(page, 'pat', '/catalog');
  await expect(page.getByRole('heading', { name: /catalog/i })).toBeVisible();
  // A few route changes; web vitals are final once the page is left or used.
  await page.goto('/catalog/default/component/scoring-api');
  await expect(
    page.getByRole('heading', { name: 'Scoring API' }),
  ).toBeVisible();
  await page.keyboard.press('Tab');
  await page.goto('/slos');
  await page.goto('/catalog/default/component/vigil');

  await expect
    .poll(
      () =>
        promValue(
          request,
          'sum(vigil_rum_web_vitals_lcp_seconds_count) or vector(0)',
        ),
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await expect
    .poll(
      () => promValue(request, 'sum(vigil_rum_page_loads_total) or vector(0)'),
      { timeout: 30_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);

  // The Vigil entity shows them (the portal usage card).
  await page.goto('/catalog/default/component/vigil');
  await expect(page.getByTestId('rum-web-vitals')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('rum-web-vitals')).toContainText('LCP');

  // Two throws of one bug are one group of two.
  const marker = `journey-${Date.now()}`;
  for (let i = 0; i < 2; i++) {
    await page.evaluate(m => {
      setTimeout(() => {
        throw new Error(`Observability journey failure ${m}`);
      }, 0);
    }, marker);
  }
  await page.waitForTimeout(1_000);
  await page.goto('/rum/errors');
  const group = page.getByTestId('rum-error-group').filter({ hasText: marker });
  await expect(async () => {
    await page.reload();
    await expect(group).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(group).toContainText('2');
});

test('latency injected into the scoring API: p95 rises on its Health tab and the slow requests are in its Logs tab', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const faults = await request.patch(`${scoringApi}/admin/faults`, {
    headers: scoringAdminHeaders(),
    data: { latencyMs: 900 },
  });
  expect(faults.ok()).toBe(true);
  let sending = true;
  const traffic = (async () => {
    while (sending) {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          request
            .post(`${scoringApi}/v1/score`, {
              data: { customerId: `c-0000${i}`, amount: 10, currency: 'EUR' },
            })
            .catch(() => undefined),
        ),
      );
    }
  })();
  try {
    await signIn(
      page,
      'dmitri',
      '/catalog/default/component/scoring-api/health',
    );
    const p95 = page.getByTestId('health-latency-p95');
    await expect(async () => {
      await page.reload();
      const text = (await p95.textContent({ timeout: 10_000 })) ?? '';
      expect(Number(text.replace(/[^\d.]/g, ''))).toBeGreaterThan(500);
    }).toPass({ timeout: 150_000, intervals: [5_000] });

    await page.goto(
      '/catalog/default/component/scoring-api/logs?q=slow%20request&level=warn',
    );
    const lines = page.getByTestId('log-line');
    await expect(async () => {
      await page.reload();
      await expect(lines.first()).toContainText('slow request', {
        timeout: 10_000,
      });
    }).toPass({ timeout: 90_000, intervals: [3_000] });
  } finally {
    sending = false;
    await traffic;
    await request.delete(`${scoringApi}/admin/faults`, {
      headers: scoringAdminHeaders(),
    });
  }
});
