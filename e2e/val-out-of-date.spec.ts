import type { Locator, Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { axeFindings, isBlocking } from './fixtures/axe';
import { expect, test } from './fixtures/demo-host';
import { screenshotPath } from './fixtures/screenshot-path';
import { addAccount, ownLogin } from './fixtures/accounts-grid';

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const rows = (page: Page) =>
  page.getByRole('grid', { name: 'E-mail accounts' }).locator('[data-row-id]');
const cell = (r: Locator, label: string) => r.getByLabel(label, { exact: true });
const valMark = (page: Page, row: number) =>
  rows(page).nth(row).locator('.cell.val').getByRole('img');

/** Both rows' marks say "out of date" with `reason`, by name and on hover. */
async function expectOutOfDate(page: Page, reason: string) {
  await expect(valMark(page, 0)).toHaveAccessibleName(`Validated, out of date: ${reason}`);
  await expect(valMark(page, 1)).toHaveAccessibleName(`Validation failed, out of date: ${reason}`);
  await expect(valMark(page, 0)).toHaveAttribute('title', new RegExp(reason));
  await expect(valMark(page, 0)).not.toHaveText('✓');
}

async function expectCurrent(page: Page) {
  await expect(valMark(page, 0)).toHaveAccessibleName(/^Validated: /);
  await expect(valMark(page, 0)).toHaveText('✓');
  await expect(valMark(page, 1)).toHaveAccessibleName(/^Validation failed: /);
}

test('Val. turns "out of date" when the server settings, the flow or the environment change, and back', async ({
  page,
  demo: _demo,
}) => {
  // Two rows validated, then three changes each watched on both rows.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await addAccount(page, ownLogin(DEMO_USERS.erpService, DEMO_PASSWORD));
  await addAccount(page, ownLogin(DEMO_USERS.recipient, 'Not-The-Passw0rd!'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const status = page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status');
  await expect(status).toHaveText('Saved');

  await page.getByRole('button', { name: 'Validate all' }).click();
  const summary = page.getByRole('toolbar', { name: 'E-mail accounts' }).getByRole('status');
  await expect(summary).toHaveText('1 validated, 1 failed', { timeout: 20_000 });
  await expectCurrent(page);

  // The server settings: the marks no longer say anything about them, until they are put back.
  await field(page, 'Server name').fill('mail.contoso.com');
  await expectOutOfDate(page, 'the server settings changed');
  await expect(rows(page).first()).toContainText('Out of date: the server settings changed.');
  await expect(summary).toHaveText(
    '1 validated, 1 failed (out of date: the settings changed since; Validate again)',
  );
  await page.screenshot({ path: screenshotPath('incoming-val-out-of-date') });
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking).toEqual([]);
  await field(page, 'Server name').fill('outlook.office365.com');
  await expectCurrent(page);
  await expect(summary).toHaveText('1 validated, 1 failed');

  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await expectOutOfDate(page, 'the flow changed');
  await field(page, 'Authentication flow').selectOption({ label: 'User name/Password' });
  await expectCurrent(page);
  // Back where it was saved, with the results: nothing to save.
  await expect(status).not.toContainText('Unsaved changes');

  // The environment: the Demo tenant's verdicts say nothing about Microsoft 365.
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Microsoft 365' });
  const confirm = page.getByRole('dialog', { name: 'Use Microsoft 365?' });
  await confirm.getByRole('button', { name: 'Use Microsoft 365', exact: true }).click();
  await expect(page.getByRole('note', { name: 'Current environment' })).toContainText(
    'Microsoft 365',
  );
  await expectOutOfDate(page, 'the environment changed');
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Demo tenant' });
  await expectCurrent(page);
});

test('a result made with a typed Client secret holds once that secret is saved, and goes out of date when another is', async ({
  page,
  demo: _demo,
}) => {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await page.getByRole('button', { name: 'Add row' }).click();
  await expect(cell(rows(page).last(), 'E-mail')).toBeFocused();
  await page.keyboard.type(DEMO_USERS.erpService);
  await rows(page)
    .last()
    .getByRole('button', { name: /^Type\b/ })
    .click();
  await rows(page).last().getByRole('checkbox', { name: 'Monitor-to-Monitor' }).check();
  await page.keyboard.press('Escape');
  await field(page, 'Client secret').fill('typed-client-secret-1');
  await page.getByRole('button', { name: 'Validate all' }).click();
  const mark = valMark(page, 0);
  await expect(mark).toBeVisible({ timeout: 20_000 });
  await expect(mark).not.toHaveAccessibleName(/out of date/);

  // Saved as typed: the result is about the stored secret now, and stays so after a reload.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const status = page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status');
  await expect(status).toHaveText('Saved');
  await expect(mark).not.toHaveAccessibleName(/out of date/);
  await page.reload();
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
  await expect(mark).toBeVisible();
  await expect(mark).not.toHaveAccessibleName(/out of date/);

  // Another secret stored: the result was about the one before.
  await main(page).getByRole('button', { name: 'Change Client secret' }).click();
  await page.keyboard.type('typed-client-secret-2');
  await expect(mark).toHaveAccessibleName(/out of date: the Client secret changed$/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status).toHaveText('Saved');
  await expect(mark).toHaveAccessibleName(/out of date: the Client secret changed$/);
});
