import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import {
  checkDialog,
  dialogField,
  expect,
  firstResultLine,
  openCheckDialog,
  runTest,
  test,
} from './fixtures/demo-host';
import { addAccount, ownLogin } from './fixtures/accounts-grid';

/** Anything shaped like a JWT's header: Entra's access and ID tokens all start so. */
const TOKEN_SHAPE = /eyJ[\w-]{4,}/;

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const grid = (page: Page) => page.getByRole('grid', { name: 'E-mail accounts' });
const row = (page: Page, n: number) => grid(page).locator('[data-row-id]').nth(n);
const okMark = (r: Locator) => r.getByRole('img', { name: /^Validated: / });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name }).click();

async function save(page: Page) {
  await main(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    'Saved',
  );
}

async function validateAllAndSave(page: Page, rows: number) {
  await page.getByRole('button', { name: 'Validate all' }).click();
  for (let n = 0; n < rows; n++) await expect(okMark(row(page, n))).toBeVisible();
  await save(page);
}

test('the support bundle, after every secret was used, holds none of them and no token', async ({
  host,
  page,
  demo: _demo,
}) => {
  test.setTimeout(120_000);
  // System settings, User name/Password: the Demo prefill's stored password signs the test in.
  await openCheckDialog(page);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();

  // System settings, Client secret: stored by a save, then used by a test.
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await save(page);
  await openCheckDialog(page);
  await dialogField(page, 'Recipient').fill(DEMO_USERS.recipient);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();

  // Settings for incoming e-mail: each row's password, then the procedure's Client secret.
  await nav(page, 'Settings for incoming e-mail');
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'User name/Password' });
  await addAccount(page, ownLogin(DEMO_USERS.erpService, DEMO_PASSWORD), 'F5');
  await addAccount(page, ownLogin(DEMO_USERS.recipient, DEMO_PASSWORD));
  await validateAllAndSave(page, 2);
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await addAccount(page, { email: DEMO_SHARED_MAILBOXES.orders });
  await validateAllAndSave(page, 3);

  const secrets = [...new Set(await host.keychainSecrets())];
  expect(secrets).toEqual(expect.arrayContaining([DEMO_PASSWORD, DEMO_SECRET_VALUE]));

  await nav(page, 'Test log');
  await expect(page.locator('.test-log-entry')).toHaveCount(7);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export support bundle' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^support-bundle-.*\.json$/);
  const text = await readFile(await file.path(), 'utf8');

  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(TOKEN_SHAPE);
  expect(text).not.toMatch(/bearer\s+(?!••••)/i);

  const bundle = JSON.parse(text);
  expect(bundle).toMatchObject({
    app: { name: 'ERP Mail Settings', version: expect.any(String), host: 'browser host' },
    environment: 'Demo tenant',
    os: { platform: process.platform, arch: process.arch, release: expect.any(String) },
    versions: { node: expect.any(String) },
    settings: {
      systemSettings: {
        values: { authFlow: 'client-secret' },
        secrets: { exchangePassword: 'stored', clientSecret: 'stored' },
      },
      incomingMail: {
        values: { authFlow: 'client-secret' },
        secrets: { clientSecret: 'stored' },
      },
    },
  });
  expect(Object.values(bundle.settings.incomingMail.secrets.passwords)).toEqual([
    'stored',
    'stored',
    'not stored',
  ]);
  expect(bundle.testLog.runs).toHaveLength(7);
  expect(bundle.appLog.tail).toContain('ERP Mail Settings');
  expect(bundle.appLog.tail).toMatch(
    /Run \S+ ended: system-settings, server \S+, flow client-secret, OK/,
  );
  expect(bundle.appLog.tail).toMatch(/Run \S+ ended: incoming-mail, .*mailbox/);

  // The log file itself, and every other file in the settings folder, hold no secret either.
  const files = await host.settingsFiles();
  expect(Object.keys(files)).toContain('app.log');
  for (const content of Object.values(files)) {
    for (const secret of secrets) expect(content).not.toContain(secret);
    expect(content).not.toMatch(TOKEN_SHAPE);
  }
});
