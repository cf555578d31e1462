import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';
import { checkDialog, dialogField, firstResultLine, resultBox } from './fixtures/demo-host';

const LOGIN_HOST = 'login.microsoftonline.com';
const IMAP_HOST = 'imap.contoso.invalid';
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const firstRow = (page: Page) =>
  page.getByRole('grid', { name: 'E-mail accounts' }).locator('[data-row-id]').first();

// Real look-ups that fail, wherever the test runs: the host's getaddrinfo answers ENOTFOUND for
// these names (test-support/host/fail-dns.mjs), as on a network whose DNS does not know them.
test.use({
  startEnvironment: 'microsoft365',
  hostEnv: {
    NODE_OPTIONS: `--import ${path.resolve('test-support/host/fail-dns.mjs')}`,
    ERP_MAIL_TEST_FAIL_DNS: `${LOGIN_HOST},${IMAP_HOST}`,
  },
});

test('a DNS failure on Microsoft sign-in names the host and the real fix, and links to no row', async ({
  host: _host,
  page,
}) => {
  await field(page, 'Application (client) ID').fill(APP_ID);
  await field(page, 'Directory (tenant) ID').fill('contoso.onmicrosoft.com');
  await field(page, 'User name (Exchange)').fill('erp@contoso.com');
  await field(page, 'Password (Exchange)').fill('a-password');
  await page.getByRole('button', { name: 'Check e-mail settings' }).click();
  await dialogField(page, 'Recipient').fill('someone@contoso.com');
  await dialogField(page, 'Sender').fill('erp@contoso.com');
  await checkDialog(page).getByRole('button', { name: 'Test', exact: true }).click();

  await expect(firstResultLine(page)).toHaveText(`Failed: Acquire token (${LOGIN_HOST})`, {
    timeout: 20_000,
  });
  const result = resultBox(page);
  await expect(result).toContainText('Meaning: Microsoft sign-in could not be reached');
  await expect(result).toContainText(`nslookup ${LOGIN_HOST}`);
  await expect(result).toContainText(/VPN.*proxy/);
  // Row 15 holds outlook.office365.com, which is not the host that failed.
  await expect(result).not.toContainText('Server address');
  await expect(result).not.toContainText('row 15');
  await expect(checkDialog(page).getByText('Fix it at:')).toHaveCount(0);
});

test('an incoming row whose server does not resolve links to Server name on its own screen', async ({
  host: _host,
  page,
}) => {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await field(page, 'Service').selectOption({ label: 'IMAP' });
  await field(page, 'Server name').fill(IMAP_HOST);
  await field(page, 'Polling interval').fill('60.00');
  await page.keyboard.press('F5');
  await page.keyboard.type('orders@contoso.com');
  await firstRow(page).getByLabel('User name', { exact: true }).fill('orders@contoso.com');
  await firstRow(page).getByLabel('Password', { exact: true }).fill('a-password');
  await firstRow(page)
    .getByRole('button', { name: /^Type\b/ })
    .click();
  await firstRow(page).getByRole('checkbox', { name: 'Monitor-to-Monitor' }).check();
  await page.keyboard.press('Escape');

  await firstRow(page).getByLabel('E-mail', { exact: true }).click();
  await page.getByRole('button', { name: 'Validate selected address' }).click();
  await expect(firstRow(page).getByRole('img', { name: /^Validation failed: / })).toBeVisible({
    timeout: 20_000,
  });
  const fixes = firstRow(page).getByRole('list', { name: 'Fix it at:' });
  await expect(fixes.getByRole('button')).toHaveText(['Settings for incoming e-mail: Server name']);
  await expect(firstRow(page)).toContainText('The IMAP server could not be reached');

  // The link stays on this screen (no unsaved-changes question) and puts the cursor in the field.
  await fixes.getByRole('button').click();
  await expect(field(page, 'Server name')).toBeFocused();
  await expect(page.getByRole('dialog', { name: 'Unsaved changes' })).toHaveCount(0);
});
