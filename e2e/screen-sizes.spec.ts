import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';
import { expect, firstResultLine, openCheckDialog, runTest, test } from './fixtures/demo-host';

// Every procedure at the two sizes the issue was tried at, to be looked at (test-results/…).
const sizes = [
  { width: 1280, height: 720 },
  { width: 1400, height: 1000 },
] as const;

const nav = (page: Page, title: string) =>
  page.getByRole('navigation').getByRole('button', { name: title, exact: true }).click();

async function shoot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: test.info().outputPath(`${name}-${width}x${height}.png`) });
}

for (const size of sizes) {
  test(`each procedure at ${size.width}x${size.height}`, async ({ page, demo: _demo }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
    await shoot(page, 'system-settings');

    await openCheckDialog(page);
    await runTest(page);
    await expect(firstResultLine(page)).toHaveText('OK!');
    await shoot(page, 'check-ok');
    await page.keyboard.press('Escape');

    await nav(page, 'Settings for incoming e-mail');
    await expect(page.getByRole('button', { name: 'Add row' })).toBeVisible();
    await page.keyboard.press('F5');
    await page.keyboard.type(DEMO_USERS.erpService);
    const row = page.getByRole('grid', { name: 'E-mail accounts' }).locator('[data-row-id]');
    await row.first().getByLabel('User name', { exact: true }).fill(DEMO_USERS.erpService);
    await row.first().getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Add row' }).click();
    await page.keyboard.type('x');
    await row
      .first()
      .getByRole('button', { name: /^Type\b/ })
      .click();
    await shoot(page, 'incoming-type-popover');
    await page.keyboard.press('Escape');

    await nav(page, 'Setup walkthrough');
    await page
      .getByRole('dialog', { name: 'Unsaved changes' })
      .getByRole('button', { name: 'Discard changes' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Setup walkthrough' })).toBeVisible();
    await shoot(page, 'walkthrough');

    await nav(page, 'Test log');
    await expect(page.getByRole('heading', { level: 1, name: 'Test log' })).toBeVisible();
    await shoot(page, 'test-log');
  });
}
