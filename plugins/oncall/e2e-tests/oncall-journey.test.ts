import { expect, test } from '@playwright/test';
import { apiHeaders, signIn } from '@vigil/e2e-kit';

// On-call, end to end against the platform ./vigil start runs
// (scripts/e2e.sh): the demo schedules seeded from ops/oncall/demo-seed.yaml,
// the real Alertmanager and the demo's SMTP server (ops/mail/local-smtp.py).
// The payments group owns the scoring API; its daily rotation starts with
// Carol, so Dmitri (a payments member, signed in through the local OpenID
// Provider) is on call only after taking the shift with an override.
const run = Date.now().toString(36);
const backend = 'http://127.0.0.1:7007';
const mailbox = 'http://127.0.0.1:8025/messages';
const zone = 'Europe/Berlin';

/** `yyyy-MM-ddTHH:mm` in the schedule's zone, as the override dialog takes it. */
function localInput(instant: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map(p => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('an owner takes the shift with an override, the alert pages them by notification and email, they acknowledge and escalation stops', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // 1. The payments group's On call tab: select a range on the final row.
  await signIn(page, 'dmitri', '/catalog/default/group/payments/oncall');
  const headers = await apiHeaders(page);
  const finalRow = page.getByTestId('oncall-final-row').first();
  await expect(finalRow).toBeVisible({ timeout: 60_000 });
  const box = (await finalRow.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Override the schedule')).toBeVisible();
  // The selection prefills the range; the journey takes the next hours.
  const now = Date.now();
  await dialog
    .getByLabel(`Start (${zone})`)
    .fill(localInput(now - 30 * 60_000));
  await dialog
    .getByLabel(`End (${zone})`)
    .fill(localInput(now + 3 * 60 * 60_000));
  await dialog.getByLabel('Person').click();
  await page.getByRole('option', { name: 'Dmitri Volkov' }).click();
  await dialog.getByRole('button', { name: 'Add override' }).click();
  await expect(dialog).toHaveCount(0);

  // 2. The scoring API's "On call now" card shows Dmitri.
  await page.goto('/catalog/default/component/scoring-api');
  const card = page
    .locator('.MuiCard-root', { hasText: 'On call now' })
    .first();
  await expect(card).toContainText('Dmitri Volkov', { timeout: 30_000 });
  await expect(card).toContainText('Payments escalation');

  // 3. The SLO's page alert through the real Alertmanager opens an incident,
  // which pages the payments policy: Dmitri, now on call.
  const summary = `Scoring API burning its error budget ${run}`;
  const startsAt = new Date();
  const fired = await request.post('http://127.0.0.1:9093/api/v2/alerts', {
    data: [
      {
        labels: {
          alertname: 'ScoringApiAvailabilityBudgetBurn',
          sloth_service: 'scoring-api',
          sloth_slo: `oncall-${run}`,
          sloth_severity: 'page',
          severity: 'page',
        },
        annotations: { summary },
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 10 * 60_000).toISOString(),
        generatorURL: 'http://127.0.0.1:9090/alerts',
      },
    ],
  });
  expect(fired.ok()).toBe(true);
  let incidentId = '';
  await expect(async () => {
    const res = await request.get(`${backend}/api/incidents/incidents`, {
      params: { q: summary, limit: 1 },
      headers,
    });
    incidentId = (await res.json()).items?.[0]?.id;
    expect(incidentId).toBeTruthy();
  }).toPass({ timeout: 90_000, intervals: [2_000] });

  const pages = async () =>
    (
      await (
        await request.get(`${backend}/api/oncall/pages`, {
          params: { incidentId },
          headers,
        })
      ).json()
    ).items as Array<{
      status: string;
      nextEscalationAt?: string;
      acknowledgedBy?: string;
      deliveries: Array<{ userRef: string; channel: string }>;
    }>;
  await expect
    .poll(async () => (await pages())[0]?.deliveries.map(d => d.userRef), {
      timeout: 30_000,
    })
    .toContain('user:default/dmitri');

  // The page reached Dmitri's inbox through the notifications email module.
  await expect
    .poll(
      async () =>
        ((await (await request.get(mailbox)).json()).items as any[]).some(
          m => m.to.includes('dmitri@vigil.example') && m.subject.includes(run),
        ),
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(true);

  // 4. The incident page says who was paged; Dmitri acknowledges.
  await page.goto(`/incidents/${incidentId}`);
  const paging = page.getByTestId('incident-paging');
  await expect(paging).toContainText(/Paged/);
  await expect(paging).toContainText('Payments escalation, step 1');
  await expect(paging.getByTestId('incident-paging-acknowledged')).toHaveText(
    /Not acknowledged yet/,
  );
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(paging.getByTestId('incident-paging-acknowledged')).toHaveText(
    /Acknowledged by .*escalation stopped/,
    { timeout: 30_000 },
  );

  // 5. Escalation stopped: the page is acknowledged, with nothing more due.
  await expect
    .poll(async () => (await pages())[0]?.status, { timeout: 30_000 })
    .toBe('acknowledged');
  const [acknowledged] = await pages();
  expect(acknowledged.acknowledgedBy).toBe('user:default/dmitri');
  expect(acknowledged.nextEscalationAt).toBeUndefined();
});
