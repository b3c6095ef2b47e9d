// Drives one guided tour in Chromium and screenshots every step. The tour is
// plugins/onboarding's react-joyride: a visible `.react-joyride__tooltip` is
// a step, its `[data-action="primary"]` button goes to the next one.
import fs from 'node:fs';
import path from 'node:path';

const TOOLTIP = '.react-joyride__tooltip';
const PRIMARY = `${TOOLTIP} [data-action="primary"]`;

/** Chromium as playwright.config.ts launches it (Debian's; no downloads here). */
export const LAUNCH_OPTIONS = Object.freeze({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/**
 * Signs in through the local OpenID Provider as packages/e2e-kit's `signIn`
 * does (a TypeScript module this plain Node script cannot import): the
 * Vigil ID button opens the OP's form in a popup, which closes once the app
 * is signed in.
 */
export async function signIn(page, baseUrl, user, password) {
  await page.goto(`${baseUrl}/`);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In', exact: true }).click();
  const op = await popup;
  await op.getByLabel('User name or email').fill(user);
  await op.getByLabel('Password').fill(password);
  await op.getByRole('button', { name: 'Sign in' }).click();
  await op.waitForEvent('close');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Waits until the page stops loading (best effort: a live tail never idles). */
async function settle(page) {
  await page
    .waitForLoadState('networkidle', { timeout: 5_000 })
    .catch(() => {});
  // Joyride fades the tooltip and moves the spotlight in about 300 ms.
  await page.waitForTimeout(600);
}

/**
 * Opens `/?tour=<role>` and records each step into `framesDir` as
 * step-01.png, step-02.png...; returns the files and each step's title.
 * A tour that never shows a tooltip is an error (no tour for the role, or
 * the onboarding plugin missing).
 */
export async function recordTour(
  page,
  { baseUrl, role, framesDir, maxSteps, log },
) {
  fs.rmSync(framesDir, { recursive: true, force: true });
  fs.mkdirSync(framesDir, { recursive: true });
  await page.goto(`${baseUrl}/?tour=${encodeURIComponent(role)}`);
  const tooltip = page.locator(TOOLTIP).first();
  const frames = [];
  const titles = [];
  for (let step = 1; step <= maxSteps; step++) {
    const shown = await tooltip
      .waitFor({ state: 'visible', timeout: step === 1 ? 30_000 : 15_000 })
      .then(() => true)
      .catch(() => false);
    if (!shown) {
      if (step === 1) {
        throw new Error(
          `no tour step appeared at ${baseUrl}/?tour=${role} within 30 s (is the onboarding plugin installed, with a "${role}" tour?)`,
        );
      }
      break;
    }
    await settle(page);
    const text = (await tooltip.innerText()).trim();
    titles.push(text.split('\n')[0]);
    const file = path.join(
      framesDir,
      `step-${String(step).padStart(2, '0')}.png`,
    );
    await page.screenshot({ path: file });
    frames.push(file);
    log?.(`  ${role} step ${step}: ${titles.at(-1)}`);

    const primary = page.locator(PRIMARY).first();
    if (!(await primary.isVisible())) break;
    await primary.click();
    // The next step: this tooltip gone, or the same one with other text.
    await page
      .waitForFunction(
        ([selector, before]) => {
          const el = document.querySelector(selector);
          return !el || el.innerText.trim() !== before;
        },
        [TOOLTIP, text],
        { timeout: 15_000 },
      )
      .catch(() => {});
  }
  return { frames, titles };
}
