import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_BADGE } from '../shared/contract/environment';
import { systemOverallRows, systemSettingsTabs } from '../shared/settings/system-rows';
import { SECRET_MASK } from '../shared/settings/secrets';
import { APP_LOG_FILE, APP_LOG_OLD_FILE } from '../electron/services/logs/app-log';
import { axeFindings, isBlocking } from './fixtures/axe';
import { expect, test, type BrowserHost } from './fixtures/browser-host';

/** The settings folder's files but the app log, which records refused saves as it should. */
const savedFiles = async (host: BrowserHost) =>
  Object.fromEntries(
    Object.entries(await host.settingsFiles()).filter(
      ([name]) => name !== APP_LOG_FILE && name !== APP_LOG_OLD_FILE,
    ),
  );

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const toolbarStatus = (page: Page) => page.getByRole('toolbar').getByRole('status');

const CLIENT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT = 'contoso.onmicrosoft.com';
const SECRET = 'e2e-Secret~Value.7Qx!';

/** The defaults (Exchange Online) need these two before anything can be saved. */
async function fillEntraIds(page: Page) {
  await field(page, 'Application (client) ID').fill(CLIENT_ID);
  await field(page, 'Directory (tenant) ID').fill(TENANT);
}

/** Collects the text of every API answer the page receives (the event stream excluded). */
function captureApiAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/api/invoke')) return;
    answers.push(await response.text().catch(() => ''));
  });
  return answers;
}

// These tests are about the form itself, so they start in Microsoft 365, where the first run
// prefills nothing (check-mail.spec.ts covers the Demo prefill).
test.use({ startEnvironment: 'microsoft365' });

test.beforeEach(async ({ host, page }) => {
  expect(host.url).toContain('#token=');
  await expect(field(page, 'Date format')).toBeVisible();
});

test('shows the eight tabs with System overall open and every row by its exact label', async ({
  page,
}) => {
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveText([...systemSettingsTabs]);
  await expect(page.getByRole('tab', { name: 'System overall' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page).not.toHaveURL(/token=/);

  for (const row of systemOverallRows) {
    await expect(field(page, row.label), row.label).toBeVisible();
    await expect(
      page.getByRole('button', { name: `About ${row.label}`, exact: true }),
    ).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Check e-mail settings' })).toBeVisible();

  await page.getByRole('tab', { name: 'System overall' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Web Agent' })).toBeFocused();
  await expect(page.getByRole('tabpanel')).toContainText('outside this tool');
  await page.keyboard.press('ArrowLeft');
  await expect(field(page, 'Client secret')).toBeVisible();
});

test('wrong values show inline errors and the panel, and Save is refused', async ({
  host,
  page,
}) => {
  const before = await savedFiles(host);
  const saveRequests: string[] = [];
  page.on('request', (request) => {
    if (
      request.url().includes('/api/invoke') &&
      request.postData()?.includes('systemSettings.save')
    )
      saveRequests.push(request.url());
  });

  await field(page, 'Application (client) ID').focus();
  await field(page, 'Directory (tenant) ID').focus();
  await expect(
    page.getByText(
      'Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
    ),
  ).toBeVisible();

  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Port (Exchange/SMTP)').fill('70000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const panel = page.getByRole('region', { name: 'Errors' });
  await expect(panel.getByRole('button', { name: '4 errors' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  for (const message of [
    'Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
    'Directory (tenant) ID is missing: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
    'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
    'Port must be between 0 and 65535: enter a number in that range',
  ]) {
    await expect(panel.getByText(message)).toBeVisible();
  }
  await expect(field(page, 'Directory (tenant) ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#error-clientSecret')).toHaveText(
    'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
  );

  await panel.getByRole('button', { name: /Directory \(tenant\) ID is missing/ }).click();
  await expect(field(page, 'Directory (tenant) ID')).toBeFocused();

  await page.keyboard.press('Control+s');
  await expect(toolbarStatus(page)).toHaveText(/Unsaved changes/);
  expect(saveRequests).toEqual([]);
  expect(await savedFiles(host)).toEqual(before);
});

test('valid values and a secret save, survive a restart, and the secret never leaves main', async ({
  host,
  page,
}) => {
  const answers = captureApiAnswers(page);

  await field(page, 'Date format').selectOption({ label: 'Date and week' });
  await field(page, 'E-mail sender of backup notification').fill('erp@contoso.com');
  await field(page, 'Maximum size for files in e-mail').fill('25');
  await fillEntraIds(page);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(SECRET);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('Saved');

  await expect(field(page, 'Client secret')).toHaveValue(SECRET_MASK);
  await expect(field(page, 'Client secret')).toHaveAttribute('readonly', '');
  expect(await host.keychainSecrets()).toContain(SECRET);
  const files = Object.values(await host.settingsFiles()).join('\n');
  expect(files).toContain(CLIENT_ID);
  expect(files).not.toContain(SECRET);

  await host.restart();
  await expect(field(page, 'Application (client) ID')).toHaveValue(CLIENT_ID);
  await expect(field(page, 'Directory (tenant) ID')).toHaveValue(TENANT);
  await expect(field(page, 'Date format')).toHaveValue('date-and-week');
  await expect(field(page, 'E-mail sender of backup notification')).toHaveValue('erp@contoso.com');
  await expect(field(page, 'Maximum size for files in e-mail')).toHaveValue('25');
  await expect(field(page, 'Authentication flow')).toHaveValue('client-secret');
  await expect(field(page, 'Client secret')).toHaveValue(SECRET_MASK);
  await expect(page.getByRole('button', { name: 'Change Client secret' })).toBeVisible();

  // The save's answer and the load after the restart, at least.
  await expect.poll(() => answers.length).toBeGreaterThanOrEqual(2);
  for (const answer of answers) expect(answer).not.toContain(SECRET);
});

test('a stored secret can be cleared, and typing over the mask replaces it', async ({
  host,
  page,
}) => {
  await fillEntraIds(page);
  await field(page, 'Password (Exchange)').fill('first-Password-1');
  await page.keyboard.press('Control+s');
  await expect(field(page, 'Password (Exchange)')).toHaveValue(SECRET_MASK);

  await field(page, 'Password (Exchange)').focus();
  await page.keyboard.type('second-Password-2');
  await expect(field(page, 'Password (Exchange)')).toHaveValue('second-Password-2');
  await page.keyboard.press('Control+s');
  await expect(field(page, 'Password (Exchange)')).toHaveValue(SECRET_MASK);
  expect(await host.keychainSecrets()).toEqual(['second-Password-2']);

  await page.getByRole('button', { name: 'Clear Password (Exchange)' }).click();
  await expect(toolbarStatus(page)).toHaveText(/Unsaved changes/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('Saved');
  await expect(field(page, 'Password (Exchange)')).toHaveValue('');
  expect(await host.keychainSecrets()).toEqual([]);
});

test('Ctrl+S saves and Revert discards unsaved edits', async ({ host, page }) => {
  await fillEntraIds(page);
  await page.keyboard.press('Control+s');
  await expect(toolbarStatus(page)).toHaveText('Saved');
  expect(Object.values(await host.settingsFiles()).join('\n')).toContain(TENANT);

  await field(page, 'Directory (tenant) ID').fill('fabrikam.onmicrosoft.com');
  await field(page, 'Use alias when exporting to Business intelligence').selectOption('Yes');
  await expect(toolbarStatus(page)).toHaveText(/Unsaved changes/);
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(field(page, 'Directory (tenant) ID')).toHaveValue(TENANT);
  await expect(field(page, 'Use alias when exporting to Business intelligence')).toHaveValue('no');
  await expect(toolbarStatus(page)).toHaveText('');
});

test('leaving with unsaved changes asks first', async ({ page }) => {
  await field(page, 'Number of days before warning').fill('7');
  await page.getByRole('button', { name: 'Test log' }).click();

  const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(field(page, 'Number of days before warning')).toHaveValue('7');

  await page.getByRole('button', { name: 'Test log' }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'Test log' })).toBeVisible();
  await page.getByRole('button', { name: 'System settings' }).click();
  await expect(field(page, 'Number of days before warning')).toHaveValue('3');

  await field(page, 'Number of days before warning').fill('8');
  const beforeUnload = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await beforeUnload;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
});

test('the >> button opens the row help; Escape closes it and returns focus', async ({ page }) => {
  const about = page.getByRole('button', { name: 'About Client secret', exact: true });
  await about.click();
  const help = page.getByRole('dialog', { name: 'Client secret' });
  await expect(help).toContainText('Certificates & secrets');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(about).toBeFocused();
});

test('rows the e-mail method does not use are disabled, not hidden', async ({ page }) => {
  await expect(field(page, 'User name (SMTP)')).toBeDisabled();
  await expect(field(page, 'Password (SMTP)')).toBeDisabled();
  await expect(field(page, 'Use SSL')).toBeDisabled();
  await expect(field(page, 'Application (client) ID')).toBeEnabled();

  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  await expect(field(page, 'User name (SMTP)')).toBeEnabled();
  await expect(field(page, 'Use SSL')).toBeEnabled();
  await expect(field(page, 'Application (client) ID')).toBeDisabled();
  await expect(field(page, 'Client secret')).toBeDisabled();

  await field(page, 'E-mail method').selectOption({ label: 'Client based (e.g. Outlook)' });
  await expect(field(page, 'Server address (Exchange/SMTP)')).toBeDisabled();
  await expect(field(page, 'Port (Exchange/SMTP)')).toBeDisabled();
});

test('row 24 and its expiry are in use only under Client secret (row 23)', async ({ page }) => {
  const expires = page.getByRole('main').getByLabel('Secret expires');
  await field(page, 'E-mail method').selectOption({
    label: 'Server based, via Microsoft Exchange Online',
  });
  await field(page, 'Authentication flow').selectOption({ label: 'User name/Password' });
  await expect(field(page, 'Client secret')).toBeDisabled();
  await expect(expires).toBeDisabled();
  await expect(field(page, 'Application (client) ID')).toBeEnabled();

  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await expect(field(page, 'Client secret')).toBeEnabled();
  await expect(expires).toBeEnabled();
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);
});

test('a damaged settings file is reported once and the defaults load', async ({ host, page }) => {
  await fillEntraIds(page);
  await page.keyboard.press('Control+s');
  await expect(toolbarStatus(page)).toHaveText('Saved');
  for (const name of Object.keys(await host.settingsFiles()).filter((f) => f.endsWith('.json')))
    await writeFile(path.join(host.settingsDir, name), '{ this is not json');

  await host.restart();
  const notice = page.getByRole('status').filter({ hasText: /damaged|corrupt|could not be read/i });
  await expect(notice).toBeVisible();
  // The defaults load (Demo is the default environment), but this is no first run: the Demo
  // prefill stays away, so the set-aside settings' keychain entries are not overwritten.
  await expect(page.getByRole('note', { name: 'Current environment' })).toHaveText(DEMO_BADGE);
  await expect(field(page, 'Application (client) ID')).toHaveValue('');
  await expect(field(page, 'Directory (tenant) ID')).toHaveValue('');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  await page.reload();
  await expect(field(page, 'Date format')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test.describe('without a keychain', () => {
  test.use({ hostEnv: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/erp-mail-e2e-bus' } });

  test('saving a secret fails with a clear alert and nothing is lost', async ({ host, page }) => {
    const before = await savedFiles(host);
    await fillEntraIds(page);
    await field(page, 'Password (Exchange)').fill('not-stored-anywhere');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page.getByRole('alert')).toContainText(/keychain/i);
    await expect(field(page, 'Application (client) ID')).toHaveValue(CLIENT_ID);
    await expect(field(page, 'Password (Exchange)')).toHaveValue('not-stored-anywhere');
    await expect(toolbarStatus(page)).toHaveText(/Unsaved changes/);
    expect(await savedFiles(host)).toEqual(before);
  });
});

test('a page opened without the printed link explains what to do', async ({ host, browser }) => {
  const stranger = await browser.newPage();
  await stranger.goto(new URL(host.url).origin + '/');
  await expect(stranger.getByRole('alert')).toHaveText(
    /needs the link the app printed when it started, ending in #token=…: open that link/,
  );
  await expect(stranger.getByLabel('Date format', { exact: true })).toHaveCount(0);
  await stranger.close();
});
