import { defineConfig, devices } from '@playwright/test';
import { probeElectron } from './scripts/electron-binary';

// Playwright cannot download its browsers here; Debian's Chromium stands in.
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const electronSpec = /electron\.spec\.ts$/;
// The Microsoft 365 rehearsal needs its network namespace: playwright.rehearsal.config.ts.
const rehearsal = '**/rehearsal/**';
const electron = probeElectron();
// The Electron project runs wherever the binary exists; here it is left out, and says why once.
if (!electron.ok)
  console.error(`Playwright: the Electron project is left out (${electron.reason}).`);

export default defineConfig({
  testDir: 'e2e',
  testIgnore: rehearsal,
  // A 2-core machine: one worker keeps the host, the keyring and Chromium from starving each other.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [electronSpec, rehearsal],
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumFlags,
        },
      },
    },
    ...(electron.ok ? [{ name: 'electron', testMatch: electronSpec }] : []),
  ],
});
