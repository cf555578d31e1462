import type { Page } from '@playwright/test';
import { DEMO_USERS } from '../electron/demo-tenant/seed';
import { expect, test } from './fixtures/browser-host';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });

test('switching to Microsoft 365 offers to clear the demo’s IDs, user and password', async ({
  host: _host,
  page,
}) => {
  await expect(field(page, 'User name (Exchange)')).toHaveValue(DEMO_USERS.erpService);
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Microsoft 365' });
  const dialog = page.getByRole('dialog', { name: 'Use Microsoft 365?' });
  await expect(dialog).toContainText(
    'still hold the demo tenant’s User name (Exchange), Password (Exchange), Application (client) ID, Directory (tenant) ID',
  );
  await dialog.getByRole('button', { name: 'Use Microsoft 365 and clear demo values' }).click();
  await expect(page.getByRole('note', { name: 'Current environment' })).toContainText(
    'Microsoft 365',
  );
  for (const label of ['User name (Exchange)', 'Application (client) ID', 'Directory (tenant) ID'])
    await expect(field(page, label)).toHaveValue('');
  await expect(field(page, 'Password (Exchange)')).toHaveValue('');
  // Cleared, not saved: the person fills in their own and saves, or reverts.
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    /Unsaved changes/,
  );
});
