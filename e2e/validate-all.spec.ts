import type { Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { expect, test } from './fixtures/demo-host';
import { addAccount, ownLogin } from './fixtures/accounts-grid';

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const grid = (page: Page) => page.getByRole('grid', { name: 'E-mail accounts' });
const rows = (page: Page) => grid(page).locator('[data-row-id]');
const toolbarStatus = (page: Page) =>
  page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status');

test('Validate all is not an edit: it sums up, shows only the failed rows, and leaving asks nothing', async ({
  page,
  demo: _demo,
}) => {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await addAccount(page, ownLogin(DEMO_USERS.erpService, DEMO_PASSWORD));
  await addAccount(page, ownLogin(DEMO_USERS.recipient, 'Not-The-Passw0rd!'));
  await addAccount(page, ownLogin(DEMO_USERS.recipient.replace('dana', 'dana2'), DEMO_PASSWORD));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('Saved');

  // By keyboard: the button gives way to Cancel while the run lasts, and focus comes back to it.
  const validateAll = page.getByRole('button', { name: 'Validate all' });
  await validateAll.focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('toolbar', { name: 'E-mail accounts' }).getByRole('status');
  await expect(summary).toHaveText(/^\d validated, \d failed$/, { timeout: 20_000 });
  await expect(summary).toHaveText('1 validated, 2 failed');
  await expect(validateAll).toBeFocused();
  await expect(toolbarStatus(page)).not.toContainText('Unsaved changes');

  const showFailed = page.getByRole('button', { name: 'Show failed only' });
  await showFailed.click();
  await expect(showFailed).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(2);
  // Each keeps its number in the grid: rows 2 and 3 (the header is row 1).
  await expect(rows(page).first()).toHaveAttribute('aria-rowindex', '3');
  await expect(rows(page).last()).toHaveAttribute('aria-rowindex', '4');
  await showFailed.click();
  await expect(rows(page)).toHaveCount(3);

  await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
  await expect(page.getByRole('dialog', { name: 'Unsaved changes' })).toHaveCount(0);
  await expect(main(page).getByRole('heading', { level: 1, name: 'Test log' })).toBeVisible();
});
