import { defineConfig, devices } from '@playwright/test';
import { chromiumFlags } from './playwright.config';
import { probeElectron } from './scripts/electron-binary';

/**
 * The Microsoft 365 rehearsal's end-to-end tests (scripts/test.sh --rehearsal): e2e/rehearsal only,
 * inside a network namespace with loopback alone, against one world of demo tenant and proxies
 * that the global setup starts and hands on through the environment.
 */
const electronSpec = /electron\.spec\.ts$/;
const electron = probeElectron();

export default defineConfig({
  testDir: 'e2e/rehearsal',
  // Not test-results/: Playwright empties its output folder at start, and the default run is
  // going on alongside.
  outputDir: '.tmp/rehearsal-test-results',
  globalSetup: './test-support/rehearsal/playwright-setup.ts',
  // One worker: the tests share the world's ports 443 and 587 and the tenant's state.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 120_000,
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'rehearsal-chromium',
      testIgnore: electronSpec,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumFlags,
        },
      },
    },
    ...(electron.ok ? [{ name: 'rehearsal-electron', testMatch: electronSpec }] : []),
  ],
});
