import type { Locator, Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_DOMAIN,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { formatSetupStep, setupStepsFor } from '../shared/diagnosis/diagnose';
import { diagnosisTable } from '../shared/diagnosis/table';
import { checkDialog, expect, openCheckDialog, runTest, test } from './fixtures/demo-host';
import { axeFindings, isBlocking } from './fixtures/axe';
import { screenshotPath } from './fixtures/screenshot-path';
import { azureStep } from './fixtures/walkthrough-page';
import { addAccount, ownLogin } from './fixtures/accounts-grid';

const WRONG_PASSWORD = 'Not-The-Passw0rd!';
const UNKNOWN_MAILBOX = `nobody@${DEMO_DOMAIN}`;
const diagnosis = (id: string) => {
  const entry = diagnosisTable.find((e) => e.id === id);
  if (!entry) throw new Error(`No diagnosis ${id}`);
  return entry;
};
const meaning = (id: string) => diagnosis(id).meaning;
/** A row that signs in as the mailbox it reads. */

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const grid = (page: Page) => page.getByRole('grid', { name: 'E-mail accounts' });
/** The n-th account row (0-based; the header row is skipped). */
const row = (page: Page, n: number) => grid(page).locator('[data-row-id]').nth(n);
const cell = (r: Locator, label: string) => r.getByLabel(label, { exact: true });
const errorsPanel = (page: Page) => page.getByRole('region', { name: 'Errors' });

async function openProcedure(page: Page) {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(
    main(page).getByRole('heading', { name: 'Settings for incoming e-mail' }),
  ).toBeVisible();
  // As a person would: act once the saved settings are shown, not while they load.
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
}

/** Steps 2–7 of the guide: Exchange Online, server, polling interval, the app's IDs and the flow. */
async function fillServerSettings(page: Page, clientId: string, flow: string) {
  await expect(field(page, 'Service')).toHaveValue('exchange-online');
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Polling interval').fill('60,00');
  await field(page, 'Application (client) ID').fill(clientId);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await field(page, 'Authentication flow').selectOption({ label: flow });
}

/** Presses Tab as a person would until `target` has the focus; fails after `most` presses. */
async function tabUntilFocused(page: Page, target: Locator, most = 10) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const okMark = (r: Locator) => r.getByRole('img', { name: /^Validated: / });
const failedMark = (r: Locator) => r.getByRole('img', { name: /^Validation failed: / });

async function saveAndExpectSaved(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    'Saved',
  );
}

test('User name/Password: the guide’s steps end with Val. set on each row and the settings saved', async ({
  page,
  host,
}) => {
  await openProcedure(page);
  // The Demo prefill keeps System settings' own copy of the demo password in the keychain.
  const before = (await host.keychainSecrets()).filter((s) => s === DEMO_PASSWORD).length;
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(errorsPanel(page)).toContainText(
    'Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
  );
  await expect(errorsPanel(page)).toContainText(
    'Directory (tenant) ID is missing: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
  );

  await fillServerSettings(page, ROPC_APP_ID, 'User name/Password');
  await expect(errorsPanel(page)).toHaveCount(0);
  await addAccount(page, ownLogin(DEMO_USERS.erpService), 'F5');
  await addAccount(page, ownLogin(DEMO_USERS.recipient));

  // Step 14: the green icon validates the selected row; Validate all does the rest.
  await cell(row(page, 0), 'E-mail').click();
  await page.getByRole('button', { name: 'Validate selected address' }).click();
  await expect(okMark(row(page, 0))).toBeVisible();
  await expect(okMark(row(page, 1))).toHaveCount(0);
  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(okMark(row(page, 1))).toBeVisible();
  await expect(row(page, 0)).toContainText(/\d+ messages?, \d+ unread/);

  await saveAndExpectSaved(page);
  const settings = JSON.parse((await host.settingsFiles())['settings.json'] ?? '{}');
  expect(settings.incoming.pollingInterval).toBe(60);
  expect(
    settings.incoming.accounts.map((a: { validation: { status: string } }) => a.validation.status),
  ).toEqual(['ok', 'ok']);
  expect(JSON.stringify(settings)).not.toContain(DEMO_PASSWORD);
  expect((await host.keychainSecrets()).filter((s) => s === DEMO_PASSWORD)).toHaveLength(
    before + 2,
  );

  // Editing the password clears Val.: it no longer says anything about the row's values.
  await row(page, 1).getByRole('button', { name: 'Change Password' }).click();
  await page.keyboard.type('x');
  await expect(okMark(row(page, 1))).toHaveCount(0);
  await page.getByRole('button', { name: 'Revert' }).click();

  // Delete row (undo until save), then save: the row's password leaves the keychain.
  await cell(row(page, 1), 'E-mail').click();
  await page.getByRole('button', { name: 'Delete row' }).click();
  await expect(grid(page).locator('[data-row-id]')).toHaveCount(1);
  await page.getByRole('button', { name: /^Undo delete/ }).click();
  await expect(grid(page).locator('[data-row-id]')).toHaveCount(2);
  await cell(row(page, 1), 'E-mail').click();
  await page.getByRole('button', { name: 'Delete row' }).click();
  await saveAndExpectSaved(page);
  await expect
    .poll(async () => (await host.keychainSecrets()).filter((s) => s === DEMO_PASSWORD).length)
    .toBe(before + 1);
});

test('Client secret: a missing secret is named in place, then every mailbox validates and saves', async ({
  page,
  host,
}) => {
  await openProcedure(page);
  await fillServerSettings(page, CLIENT_SECRET_APP_ID, 'Client secret');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(errorsPanel(page)).toContainText(
    'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
  );
  await expect(main(page).locator('.server-settings')).toContainText(
    'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
  );

  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await expect(errorsPanel(page)).toHaveCount(0);
  await addAccount(page, { email: DEMO_USERS.erpService }, 'F5');
  await expect(cell(row(page, 0), 'User name')).toBeDisabled();
  await addAccount(page, { email: DEMO_SHARED_MAILBOXES.orders });

  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(okMark(row(page, 0))).toBeVisible();
  await expect(okMark(row(page, 1))).toBeVisible();
  await saveAndExpectSaved(page);

  const settings = JSON.parse((await host.settingsFiles())['settings.json'] ?? '{}');
  expect(settings.incoming.authFlow).toBe('client-secret');
  expect(settings.incoming.accounts).toHaveLength(2);
  expect(JSON.stringify(settings)).not.toContain(DEMO_SECRET_VALUE);
  expect(await host.keychainSecrets()).toContain(DEMO_SECRET_VALUE);
});

test('a wrong password and an unknown mailbox each show their diagnosis on their own row', async ({
  page,
  host: _host,
}) => {
  // axe over the grid takes a while on a shared 2-core machine.
  test.setTimeout(60_000);
  await openProcedure(page);
  await fillServerSettings(page, ROPC_APP_ID, 'User name/Password');
  await addAccount(page, ownLogin(DEMO_USERS.erpService), 'F5');
  await addAccount(page, ownLogin(DEMO_USERS.recipient, WRONG_PASSWORD));
  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(okMark(row(page, 0))).toBeVisible();
  await expect(failedMark(row(page, 1))).toBeVisible();
  await expect(failedMark(row(page, 1))).toHaveAttribute('title', /AADSTS50126/);
  await expect(row(page, 1)).toContainText(meaning('wrong-password'));
  await expect(row(page, 0)).not.toContainText(meaning('wrong-password'));

  // The whole failure, not only the mark's hover tooltip: Tab from the row's cells to Details.
  const details = row(page, 1).getByRole('button', {
    name: `Details for ${DEMO_USERS.recipient}`,
  });
  await cell(row(page, 1), 'E-mail').click();
  await tabUntilFocused(page, details);
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  const failure = row(page, 1).getByRole('region', {
    name: `Validation failure for ${DEMO_USERS.recipient}`,
  });
  await expect(failure).toContainText('AADSTS50126');
  await expect(row(page, 1).getByRole('button', { name: /^Hide details/ })).toBeFocused();
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);

  // The Client secret flow reads any mailbox, so an unknown address fails at EWS.
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await cell(row(page, 1), 'E-mail').fill(UNKNOWN_MAILBOX);
  await expect(failedMark(row(page, 1))).toHaveCount(0);
  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(failedMark(row(page, 1))).toHaveAttribute('title', /ErrorNonExistentMailbox/);
  await expect(row(page, 1)).toContainText(meaning('mailbox-access'));
  await expect(okMark(row(page, 0))).toBeVisible();

  // The failed row links to the walkthrough step of its flow that fixes it.
  await expect(row(page, 0).getByRole('button', { name: /Azure Portal setup/ })).toHaveCount(0);
  const [fix] = setupStepsFor(diagnosis('mailbox-access'), 'client-secret');
  await row(page, 1)
    .getByRole('button', { name: formatSetupStep(fix!) })
    .click();
  await page
    .getByRole('dialog', { name: 'Unsaved changes' })
    .getByRole('button', { name: 'Discard changes' })
    .click();
  await expect(page.getByRole('radio', { name: 'Client secret' })).toBeChecked();
  await expect(azureStep(page, 23)).toHaveAttribute('aria-current', 'step');
  await expect(azureStep(page, 23)).toBeInViewport();
});

test('a save refused for an empty Type says so by the toolbar and goes to the cell, by Ctrl+S and by Save and leave @screenshots', async ({
  page,
  host: _host,
}) => {
  // axe over the grid takes a while on a shared 2-core machine.
  test.setTimeout(60_000);
  await openProcedure(page);
  await fillServerSettings(page, ROPC_APP_ID, 'User name/Password');
  await addAccount(page, ownLogin(DEMO_USERS.erpService));
  const typeCell = row(page, 0).getByRole('button', { name: /^Type\b/ });
  // By keyboard: the Type cell has the focus; Enter opens it, Space unticks its only type.
  await expect(typeCell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(page, 0).getByRole('checkbox', { name: 'Monitor-to-Monitor' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(typeCell).not.toBeFocused();

  const refusal = page.getByRole('toolbar', { name: 'Procedure' }).getByRole('alert');
  const said =
    'Not saved — fix 1 error first. Type (row 1): Incorrect value: choose at least one type';
  await page.keyboard.press('Control+s');
  await expect(refusal).toHaveText(said);
  await expect(typeCell).toBeFocused();
  await expect(row(page, 0)).toContainText('Incorrect value: choose at least one type');
  for (const [width, height] of [
    [1280, 720],
    [1400, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`incoming-save-refused-${width}x${height}`) });
  }

  // Leaving unsaved: the guard's Save and leave stays on the screen and says the same.
  await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
  const guard = page.getByRole('dialog', { name: 'Unsaved changes' });
  await guard.getByRole('button', { name: 'Save and leave' }).click();
  await expect(guard).toHaveCount(0);
  await expect(
    main(page).getByRole('heading', { level: 1, name: 'Settings for incoming e-mail' }),
  ).toBeVisible();
  await expect(refusal).toHaveText(said);
  await expect(typeCell).toBeFocused();
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);
});

test('F5 adds a row with the focus in its E-mail instead of reloading the page', async ({
  page,
  host: _host,
}) => {
  await openProcedure(page);
  await field(page, 'Polling interval').fill('15.5');
  await page.keyboard.press('F5');
  await expect(cell(row(page, 0), 'E-mail')).toBeFocused();
  await page.keyboard.press('F5');
  await expect(grid(page).locator('[data-row-id]')).toHaveCount(2);
  await expect(cell(row(page, 1), 'E-mail')).toBeFocused();
  // The page was not reloaded: the typed value is still there.
  await expect(field(page, 'Polling interval')).toHaveValue('15.5');
  // Arrow keys move between cells.
  await page.keyboard.press('ArrowUp');
  await expect(cell(row(page, 0), 'E-mail')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cell(row(page, 0), 'User name')).toBeFocused();
  // An empty row is wrong in each required cell once the save is tried.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(row(page, 0)).toContainText('Incorrect value');
});

test('screenshot of the grid with validated rows and one failed row @screenshots', async ({
  page,
  host: _host,
}) => {
  // A test message and three rows typed and validated: slow on a shared 2-core machine.
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 760 });
  // A test message from System settings' green icon gives Dana's inbox a newest subject to show.
  await openCheckDialog(page);
  await runTest(page);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await openProcedure(page);
  await fillServerSettings(page, ROPC_APP_ID, 'User name/Password');
  const accounts = [
    ownLogin(DEMO_USERS.erpService),
    ownLogin(DEMO_USERS.recipient),
    ownLogin(DEMO_USERS.recipient, WRONG_PASSWORD),
  ];
  for (const [n, account] of accounts.entries())
    await addAccount(page, account, n === 0 ? 'F5' : 'Add row');
  // Two rows may name one mailbox while the admin works; here the third row is another login.
  await cell(row(page, 2), 'E-mail').fill(DEMO_SHARED_MAILBOXES.orders);
  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(failedMark(row(page, 2))).toBeVisible();
  await expect(okMark(row(page, 1))).toBeVisible();
  await cell(row(page, 0), 'E-mail').click();
  await page.screenshot({ path: screenshotPath('incoming-mail') });
});
