import type { Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { accountRows, addAccount, gridCell, ownLogin } from './fixtures/accounts-grid';
import { axeFindings, isBlocking } from './fixtures/axe';
import { expect, test } from './fixtures/browser-host';
import { checkDialog, dialogField, openCheckDialog, runTest } from './fixtures/demo-host';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
const OWN_MAILBOX = 'orders@contoso.com';

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar').getByText('Saved', { exact: true })).toBeVisible();
}

/** As a tester leaves System settings: the demo's SMTP login and client secret typed and saved. */
async function typeDemoSmtpAndSecret(page: Page) {
  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  await field(page, 'User name (SMTP)').fill(DEMO_USERS.erpService);
  await field(page, 'Password (SMTP)').fill(DEMO_PASSWORD);
  await field(page, 'E-mail method').selectOption({
    label: 'Server based, via Microsoft Exchange Online',
  });
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await save(page);
}

/** And Settings for incoming e-mail: the demo's app and a demo mailbox, beside one of their own. */
async function typeDemoIncoming(page: Page) {
  await nav(page, 'Settings for incoming e-mail').click();
  await expect(page.getByRole('main').getByText('Loading settings…')).toBeHidden();
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await addAccount(page, ownLogin(DEMO_USERS.recipient));
  await addAccount(page, ownLogin(OWN_MAILBOX, 'Their-Own-Passw0rd'));
  await save(page);
}

test('“Use Microsoft 365 and clear demo values” clears every demo value, and says which', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(90_000);
  // A Test in Demo: the dialog remembers its (demo) Recipient for the next one.
  await openCheckDialog(page);
  await expect(dialogField(page, 'Recipient')).toHaveValue(DEMO_USERS.recipient);
  await runTest(page);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await typeDemoSmtpAndSecret(page);
  await typeDemoIncoming(page);

  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Microsoft 365' });
  const dialog = page.getByRole('dialog', { name: 'Use Microsoft 365?' });
  await expect(dialog).toContainText(
    'System settings: User name (Exchange), User name (SMTP), Password (Exchange), Password (SMTP), Client secret, Application (client) ID, Directory (tenant) ID; ' +
      'Settings for incoming e-mail: 1 demo account in E-mail accounts (with their passwords), Application (client) ID, Directory (tenant) ID; ' +
      'Check e-mail settings: Recipient.',
  );
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
  await dialog.getByRole('button', { name: 'Use Microsoft 365 and clear demo values' }).click();
  await expect(page.getByRole('note', { name: 'Current environment' })).toContainText(
    'Microsoft 365',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Demo values cleared' })).toContainText(
    'Demo values cleared and saved: System settings: User name (Exchange)',
  );

  // Saved, not left as edits: the incoming grid keeps only the admin's own mailbox.
  await expect(accountRows(page)).toHaveCount(1);
  await expect(gridCell(accountRows(page).first(), 'E-mail')).toHaveValue(OWN_MAILBOX);
  for (const label of ['Application (client) ID', 'Directory (tenant) ID'])
    await expect(field(page, label)).toHaveValue('');
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).not.toHaveText(
    /Unsaved changes/,
  );

  await nav(page, 'System settings').click();
  for (const label of [
    'User name (Exchange)',
    'Password (Exchange)',
    'User name (SMTP)',
    'Password (SMTP)',
    'Application (client) ID',
    'Directory (tenant) ID',
    'Client secret',
  ])
    await expect(field(page, label), label).toHaveValue('');
  await openCheckDialog(page);
  await expect(dialogField(page, 'Recipient')).toHaveValue('');
  await expect(dialogField(page, 'Sender')).toHaveValue('');
});
