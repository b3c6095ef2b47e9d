import { test, expect, APIRequestContext } from '@playwright/test';

const prometheus = 'http://127.0.0.1:9090';
const scoringApi = 'http://127.0.0.1:8080';

interface PrometheusAlert {
  labels: Record<string, string>;
  state: string;
}

async function pageAlerts(request: APIRequestContext): Promise<PrometheusAlert[]> {
  const res = await request.get(`${prometheus}/api/v1/alerts`);
  const body = await res.json();
  return (body.data.alerts as PrometheusAlert[]).filter(
    a =>
      a.labels.alertname === 'ScoringApiAvailabilityBudgetBurn' &&
      a.labels.sloth_severity === 'page',
  );
}

test('injected errors make Prometheus fire the availability page alert', async ({
  request,
}) => {
  test.setTimeout(300_000);

  // The start command generated the rules from packages/scoring-api/slo.yaml.
  const rules = await (await request.get(`${prometheus}/api/v1/rules`)).json();
  const groups: string[] = rules.data.groups.map((g: { name: string }) => g.name);
  expect(groups).toEqual(
    expect.arrayContaining([
      'sloth-slo-sli-recordings-scoring-api-availability',
      'sloth-slo-alerts-scoring-api-availability',
      'sloth-slo-alerts-scoring-api-latency',
    ]),
  );
  expect(await pageAlerts(request)).toEqual([]);

  const faults = await request.patch(`${scoringApi}/admin/faults`, {
    data: { errorRate: 1 },
  });
  expect(faults.ok()).toBe(true);

  // Real traffic through the real service while the fault is on.
  let sending = true;
  const traffic = (async () => {
    let sent = 0;
    while (sending) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request
            .post(`${scoringApi}/v1/score`, {
              data: { customerId: `c-0000${i}`, amount: 10, currency: 'EUR' },
            })
            .catch(() => undefined),
        ),
      );
      sent += 10;
      await new Promise(r => setTimeout(r, 200));
    }
    return sent;
  })();

  try {
    await expect
      .poll(async () => (await pageAlerts(request)).map(a => a.state), {
        timeout: 240_000,
        intervals: [5_000],
      })
      .toContain('firing');
    const [alert] = (await pageAlerts(request)).filter(a => a.state === 'firing');
    expect(alert.labels).toMatchObject({
      service: 'scoring-api',
      severity: 'page',
      sloth_service: 'scoring-api',
      sloth_slo: 'availability',
    });
  } finally {
    sending = false;
    await traffic;
    await request.delete(`${scoringApi}/admin/faults`);
  }
});
