import {
  Browser,
  Download,
  expect,
  Locator,
  Page,
  test,
} from '@playwright/test';
import { apiHeaders, DemoUser, guestHeaders, signIn } from '@vigil/e2e-kit';

// Launch gates, end to end against the platform ./vigil start runs
// (scripts/e2e.sh). Erin (product owners, who sign off the scoring API)
// opens a Go/No-Go review on the scoring API's Launch tab; its automated
// checks fill in from the real SLO, incident, on-call, runbook and drill
// data; something blocking stands in the way of a Go. The people who answer
// the manual blockers answer them (alice for SRE, carol for the owning
// team, erin as product owner), erin waives whatever still blocks, signs
// Go, and downloads the evidence. Which checks pass is the platform's to
// say: the journey only relies on "something blocks Go" and works through
// the blockers the page names.
const run = Date.now().toString(36);
const backend = 'http://127.0.0.1:7007';
const entityRef = 'component:default/scoring-api';
const launchTab = '/catalog/default/component/scoring-api/launch';
const title = `Scoring API launch ${run}`;

/** The automated sources the issue names, by their providers' ids. */
const REAL_SOURCES = [
  'slo-history',
  'incidents',
  'oncall-coverage',
  'runbooks',
  'rollback-drill',
];

/** A demo user who may answer for a manual check's `answeredBy`. */
const ANSWERER: Record<string, DemoUser> = {
  sre: 'alice',
  'group:default/sre': 'alice',
  owner: 'carol',
  'group:default/payments': 'carol',
  'product-owner': 'erin',
  'group:default/product-owners': 'erin',
};

function answererFor(answeredBy: string | null): DemoUser | undefined {
  if (!answeredBy) return undefined;
  const user = /^user:(?:default\/)?([a-z]+)$/.exec(answeredBy)?.[1];
  return ANSWERER[answeredBy] ?? (user as DemoUser | undefined);
}

function checkRow(page: Page, checkId: string): Locator {
  return page.locator(`[data-testid="check-row"][data-check-id="${checkId}"]`);
}

/** The blocking checks the sign-off panel names. */
async function namedBlockers(page: Page): Promise<string[]> {
  const items = page.getByTestId('sign-off-panel').getByTestId('blocker');
  const ids: string[] = [];
  for (const item of await items.all()) {
    ids.push((await item.getAttribute('data-check-id')) ?? '');
  }
  return ids.filter(Boolean);
}

/** A downloaded file's text. */
async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Waits until the review (the tab's newest) shows with this title. */
async function openOurReview(page: Page) {
  await page.goto(launchTab);
  await expect(page.getByTestId('review-title')).toHaveText(title, {
    timeout: 60_000,
  });
}

/** Answers manual checks yes, with a link and a file, as `user`. */
async function answerAs(
  browser: Browser,
  baseURL: string | undefined,
  user: DemoUser,
  checkIds: string[],
) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, user, launchTab);
    await openOurReview(page);
    for (const checkId of checkIds) {
      const row = checkRow(page, checkId);
      await row.getByRole('button', { name: /^Answer / }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Yes', { exact: true }).check();
      await dialog
        .getByLabel('Comment')
        .fill(`Checked by ${user} for the launch journey ${run}`);
      await dialog
        .getByLabel('Evidence link')
        .fill(`https://wiki.vigil.example/launch/${run}/${checkId}`);
      await dialog.getByLabel('Evidence file').setInputFiles({
        name: `${checkId}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.from(`${checkId}: reviewed by ${user} (${run})\n`),
      });
      await dialog.getByRole('button', { name: 'Submit answer' }).click();
      await expect(dialog).toBeHidden({ timeout: 30_000 });
      await expect(row).toHaveAttribute('data-status', 'pass');
    }
  } finally {
    await context.close();
  }
}

test('a launch review gathers real evidence, blocks Go, takes answers and waivers, and is signed off and exported', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);

  // Sign-in needs the demo users in the catalog, which a fresh platform may
  // still be ingesting when the journey runs first.
  const guest = await guestHeaders(request);
  await expect(async () => {
    for (const user of ['erin', 'alice', 'carol']) {
      const res = await request.get(
        `${backend}/api/catalog/entities/by-name/user/default/${user}`,
        { headers: guest },
      );
      expect(res.status()).toBe(200);
    }
  }).toPass({ timeout: 120_000, intervals: [2_000] });

  await signIn(page, 'erin', launchTab);
  const headers = await apiHeaders(page);

  // An earlier run may have left a review undecided (only one may be open
  // per entity): Erin, its product owner, says No-Go to it first.
  const undecided = await request.get(`${backend}/api/launch-gates/reviews`, {
    params: new URLSearchParams([
      ['entityRef', entityRef],
      ['state', 'open'],
      ['state', 'reopened'],
    ]).toString(),
    headers,
  });
  expect(undecided.ok()).toBe(true);
  for (const stale of (await undecided.json()).items as Array<{ id: string }>) {
    const detail = await request.get(
      `${backend}/api/launch-gates/reviews/${stale.id}`,
      { headers },
    );
    const signed = await request.post(
      `${backend}/api/launch-gates/reviews/${stale.id}/sign-offs`,
      {
        headers,
        data: {
          decision: 'no-go',
          comment: `Superseded by the launch journey ${run}`,
          evidenceHash: (await detail.json()).evidenceHash,
        },
      },
    );
    expect(signed.status(), await signed.text()).toBe(201);
  }

  // 1. Open a review on the Launch tab.
  await page.goto(launchTab);
  await page.getByRole('button', { name: 'Open review' }).first().click();
  const openDialog = page.getByRole('dialog');
  await expect(
    openDialog.getByRole('button', { name: 'Open review' }),
  ).toBeEnabled();
  await openDialog.getByLabel('Title').fill(title);
  await openDialog.getByRole('button', { name: 'Open review' }).click();
  await expect(openDialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('review-title')).toHaveText(title);

  // 2. The automated checks fill in: none stays pending, and the real
  // sources each report what they found (measurements, or why unknown).
  const automated = page.locator(
    '[data-testid="check-row"][data-check-type="automated"]',
  );
  await expect(automated.first()).toBeVisible();
  await expect(
    automated.and(page.locator('[data-status="pending"]')),
  ).toHaveCount(0, { timeout: 180_000 });
  for (const provider of REAL_SOURCES) {
    const row = automated.and(page.locator(`[data-provider="${provider}"]`));
    await expect(row, `a check of ${provider}`).toHaveCount(1);
    await expect(row).toHaveAttribute('data-status', /^(pass|fail|unknown)$/);
    await row.getByRole('button', { name: /^Show the evidence of / }).click();
    await expect(row.getByTestId(/^evidence-/)).toContainText(
      /Measurements|Why unknown/,
    );
  }

  // 3. Something blocks Go: the button is disabled and the panel names it.
  const panel = page.getByTestId('sign-off-panel');
  const blockers = await namedBlockers(page);
  expect(
    blockers.length,
    'a fresh portal has a blocking check',
  ).toBeGreaterThan(0);
  await expect(panel.getByRole('button', { name: 'Sign Go' })).toBeDisabled();
  await expect(panel.getByTestId('go-blockers')).toContainText(blockers[0]);

  // 4. The manual blockers, answered by the people who answer them.
  const manualByUser = new Map<DemoUser, string[]>();
  for (const checkId of blockers) {
    const row = checkRow(page, checkId);
    if ((await row.getAttribute('data-check-type')) !== 'manual') continue;
    const user = answererFor(await row.getAttribute('data-answered-by'));
    if (!user) continue;
    manualByUser.set(user, [...(manualByUser.get(user) ?? []), checkId]);
  }
  for (const [user, checkIds] of manualByUser) {
    if (user === 'erin') continue;
    await answerAs(browser, baseURL, user, checkIds);
  }
  const answered = [...manualByUser.values()].flat();
  if (manualByUser.has('erin')) {
    await answerAs(browser, baseURL, 'erin', manualByUser.get('erin')!);
  }

  // 5. Erin waives whatever still blocks, with a reason.
  await openOurReview(page);
  const waived: string[] = [];
  for (let round = 0; round < 20; round++) {
    const [next] = await namedBlockers(page);
    if (!next) break;
    const row = checkRow(page, next);
    await row.getByRole('button', { name: /^Waive / }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Reason')
      .fill(
        `Accepted for launch ${run}: ${next} is tracked and revisited before the waiver expires`,
      );
    await dialog.getByRole('button', { name: 'Grant waiver' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(row).toHaveAttribute('data-status', 'waived');
    waived.push(next);
  }
  expect(await namedBlockers(page)).toEqual([]);
  // What this run met, in the report (the platform decides it).
  test
    .info()
    .annotations.push(
      { type: 'blockers', description: blockers.join(', ') },
      { type: 'answered', description: answered.join(', ') || 'none' },
      { type: 'waived', description: waived.join(', ') || 'none' },
    );
  await expect(page.getByTestId('decision-history')).toContainText(
    `Waiver of ${waived[0] ?? answered[0]}`,
  );

  // 6. Go, signed by Erin. Evidence re-evaluated meanwhile answers 409
  // ("reload"): the panel offers a reload, and she signs what she sees.
  await expect(async () => {
    const reload = panel.getByRole('button', { name: 'Reload' });
    if (await reload.isVisible()) await reload.click();
    await panel
      .getByLabel('Decision comment')
      .fill(`Go for ${title}: evidence reviewed, waivers accepted`);
    await panel.getByRole('button', { name: 'Sign Go' }).click();
    await expect(panel.getByTestId('review-state')).toHaveText('Go', {
      timeout: 10_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId('decision-history')).toContainText(
    'Go signed by user:erin',
  );

  // 7. The evidence, downloaded as Markdown and JSON.
  const [markdownDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  expect(markdownDownload.suggestedFilename()).toMatch(
    /^scoring-api-launch-review-[0-9a-f]{8}\.md$/,
  );
  const markdown = await downloadedText(markdownDownload);
  expect(markdown).toContain(title);
  for (const checkId of [...waived, ...answered]) {
    expect(markdown).toContain(checkId);
  }
  expect(markdown).toMatch(/\bGo\b/);

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const exported = JSON.parse(await downloadedText(jsonDownload));
  expect(exported).toMatchObject({
    schemaVersion: 1,
    kind: 'launch-review',
    review: { entityRef, title, state: 'go', blockers: [] },
    decision: { decision: 'go', signedBy: 'user:default/erin' },
  });
  expect(
    (exported.waivers as Array<{ checkId: string }>).map(w => w.checkId).sort(),
  ).toEqual([...waived].sort());
  const answeredIds = (exported.answers as Array<{ checkId: string }>).map(
    a => a.checkId,
  );
  for (const checkId of answered) expect(answeredIds).toContain(checkId);
});
