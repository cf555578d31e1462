import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const guard = (page: Page) => page.getByRole('dialog', { name: 'Unsaved changes' });
const goToTestLog = (page: Page) =>
  page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();

test.use({ startEnvironment: 'microsoft365' });

test('leaving with unsaved changes offers Save and leave, Discard changes and Stay', async ({
  host,
  page,
}) => {
  // Exchange Online needs its app's IDs before anything can be saved.
  await field(page, 'Application (client) ID').fill('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  await field(page, 'Directory (tenant) ID').fill('contoso.onmicrosoft.com');
  await field(page, 'Number of days before warning').fill('7');
  await goToTestLog(page);
  await expect(guard(page).getByRole('button')).toHaveText([
    'Save and leave',
    'Discard changes',
    'Stay',
  ]);
  await guard(page).getByRole('button', { name: 'Save and leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Test log' })).toBeVisible();
  const settings = JSON.parse((await host.settingsFiles())['settings.json'] ?? '{}');
  expect(JSON.stringify(settings)).toContain('"backupWarningDays":7');
});

test('Save and leave with an error stays, shows the error and keeps the edit', async ({
  host: _host,
  page,
}) => {
  await field(page, 'Application (client) ID').fill('not-a-guid');
  await goToTestLog(page);
  await guard(page).getByRole('button', { name: 'Save and leave' }).click();
  await expect(guard(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'System settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Errors' })).toContainText(
    'Application (client) ID is not a valid GUID: copy it from the app registration’s Overview in Entra ID',
  );
  await expect(field(page, 'Application (client) ID')).toHaveValue('not-a-guid');
});
