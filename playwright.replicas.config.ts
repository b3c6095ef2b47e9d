import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The two-replica browser checks: run by scripts/smoke-production.sh against
 * two production backends behind HAProxy (README, Two replicas), not by the
 * end-to-end step, whose platform has one backend.
 */
export default defineConfig({
  ...base,
  testMatch: ['packages/app/e2e-replicas/**/*.test.ts'],
  retries: 0,
  reporter: [['list']],
  outputDir: '.data/e2e-replicas-results',
});
