// Regenerate the README's pictures with: UPDATE_SCREENSHOTS=1 npx playwright test --grep @screenshots
import type { Page } from '@playwright/test';
import { ROPC_APP_ID } from '../electron/demo-tenant/seed';
import { expect, test } from './fixtures/browser-host';
import {
  checkDialog,
  firstResultLine,
  openCheckDialog,
  runTest,
  runTestWithPassword,
  test as demoTest,
} from './fixtures/demo-host';
import { screenshotPath as shot } from './fixtures/screenshot-path';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test.describe('in Microsoft 365', () => {
  // A real tenant's values: in Demo the first run's prefill would stand beside them.
  test.use({ startEnvironment: 'microsoft365' });

  test('screenshots of System settings @screenshots', async ({ host: _host, page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await field(page, 'Application (client) ID').fill('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    await field(page, 'Directory (tenant) ID').fill('contoso.onmicrosoft.com');
    await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
    await field(page, 'Client secret').fill('a-client-secret-value');
    await field(page, 'E-mail sender of backup notification').fill('erp@contoso.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(field(page, 'Client secret')).toHaveAttribute('readonly', '');
    await expect(page.getByRole('toolbar').getByRole('status')).toHaveText('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot('system-settings'), fullPage: true });

    // Clear first: leaving an emptied ID shows its message, which moves the button down.
    await page.getByRole('button', { name: 'Clear Client secret' }).click();
    await field(page, 'Application (client) ID').fill('');
    await field(page, 'Directory (tenant) ID').fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('button', { name: '3 errors' })).toBeVisible();
    await page.screenshot({ path: shot('errors-panel') });

    await page.getByRole('button', { name: 'Revert' }).click();
    await page.getByRole('button', { name: 'About E-mail method', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'E-mail method' })).toBeVisible();
    await page.screenshot({ path: shot('help-popover') });
  });
});

demoTest(
  'screenshots of Check e-mail settings and the Test log @screenshots',
  async ({ page, demo }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openCheckDialog(page);
    await runTest(page);
    await expect(firstResultLine(page)).toHaveText('OK!');
    await page.screenshot({ path: shot('check-ok') });

    await runTestWithPassword(page, 'Not-The-Passw0rd!');
    await expect(firstResultLine(page)).toHaveText(/^Failed/);
    await page.screenshot({ path: shot('check-failed') });

    // Consent granted again just now: EWS answers 403 until it propagates, and the check waits.
    await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: false });
    await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: true });
    await checkDialog(page)
      .getByRole('button', { name: 'Undo change to Password (Exchange)' })
      .click();
    await checkDialog(page).getByRole('button', { name: 'Test', exact: true }).click();
    await expect(
      checkDialog(page).getByText(
        /^Waiting for the change to reach Microsoft 365: at most \d+ s left of 35 s/,
      ),
    ).toBeVisible({
      timeout: 10_000,
    });
    await page.screenshot({ path: shot('check-retrying') });
    await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(firstResultLine(page)).toHaveText('Cancelled');

    await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
    await page.locator('.test-log-entry').nth(1).getByRole('button').click();
    await expect(page.getByRole('list', { name: 'Step timings' })).toBeVisible();
    await page.screenshot({ path: shot('test-log') });
  },
);
