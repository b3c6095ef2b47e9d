import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the platform that `./vigil start` runs. The test
 * command starts it first (scripts/e2e.sh); Debian's Chromium drives the pages
 * because browser downloads are not possible on these machines.
 */
export default defineConfig({
  testDir: '.',
  testMatch: [
    'packages/*/e2e-tests/**/*.test.ts',
    'plugins/*/e2e-tests/**/*.test.ts',
  ],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '.data/test-results/e2e.json' }],
    ['html', { open: 'never', outputFolder: '.data/e2e-test-report' }],
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    browserName: 'chromium',
    launchOptions: {
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
    },
    // The first sign-in's guided tour would take every journey's clicks: off
    // in this browser (the onboarding plugin's per-browser switch), except
    // where the onboarding journey asks for it.
    storageState: {
      cookies: [],
      origins: [
        {
          origin: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
          localStorage: [
            { name: 'vigil.onboarding.autoStart', value: 'false' },
          ],
        },
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  outputDir: '.data/e2e-test-results',
});
