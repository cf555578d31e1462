import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import keytar from '@github/keytar';
import type { Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { INCOMING_CLIENT_SECRET_ACCOUNT } from '../electron/services/keychain/entry-names';
import { formatSetupStep, setupStepsFor } from '../shared/diagnosis/diagnose';
import { diagnosisTable } from '../shared/diagnosis/table';
import { graphPermissionIds } from '../shared/walkthrough/beyond-guide';
import { defaultIncomingSettings, newIncomingAccount } from '../shared/settings/incoming-settings';
import {
  checkDialog,
  demoControl,
  dialogField,
  expect,
  firstResultLine,
  openCheckDialog,
  resultBox,
  runTest,
  test,
} from './fixtures/demo-host';
import { screenshotPath as shot } from './fixtures/screenshot-path';

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const entry = (id: string) => diagnosisTable.find((e) => e.id === id)!;

async function sendThroughGraph(page: Page) {
  await openCheckDialog(page);
  await dialogField(page, 'Send through').selectOption({ label: 'Microsoft Graph' });
  await runTest(page);
}

/** System settings rows 21, 23 and 24 for the demo's Client secret app, typed as a person would. */
async function useClientSecretApp(page: Page) {
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
}

test('User name/Password: Send through Microsoft Graph says OK! and the mail arrives', async ({
  host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await sendThroughGraph(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toContainText('Token audience: https://graph.microsoft.com');
  await expect(resultBox(page)).toContainText(/Token scopes: .*Mail\.Send/);
  await expect(resultBox(page)).toContainText('Microsoft Graph: HTTP 202 Accepted');
  await expect(resultBox(page)).toContainText(/Microsoft's request ID: [0-9a-f-]{36}/);
  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox.at(-1)?.subject).toMatch(/^ERP Mail Settings: test message/);
  await page.screenshot({ path: shot('check-graph-ok') });

  // The choice is remembered: the next opening offers Microsoft Graph again. One Cancel stops
  // following the message (FLOWS.md §11) and closes the dialog.
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(checkDialog(page)).toBeHidden({ timeout: 1_000 });
  await openCheckDialog(page);
  await expect(dialogField(page, 'Send through')).toHaveValue('graph');
  // And after a restart of the host, whose new port gives the page a new origin.
  await host.restart();
  await openCheckDialog(page);
  await expect(dialogField(page, 'Send through')).toHaveValue('graph');
  expect(
    JSON.parse(await readFile(path.join(host.settingsDir, 'settings.json'), 'utf8')),
  ).toMatchObject({
    mailApis: { send: 'graph', validate: 'ews' },
  });
});

test('Client secret: Send through Microsoft Graph names the application role', async ({
  host: _host,
  page,
  demo,
}) => {
  await useClientSecretApp(page);
  await sendThroughGraph(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toContainText(/Token roles: .*Mail\.Send/);
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toHaveLength(1);
});

test('Graph without Mail.Send: ErrorAccessDenied explained, linked to the Graph checklist', async ({
  host: _host,
  page,
  demo,
}) => {
  // Mail.ReadBasic stays: the token is issued with that role, and Graph refuses the send.
  const app = (await demo.snapshot()).apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID)!;
  await demo.updateApp(CLIENT_SECRET_APP_ID, {
    requiredResourceAccess: app.requiredResourceAccess.map((r) => ({
      ...r,
      resourceAccess: r.resourceAccess.filter((a) => a.id !== graphPermissionIds['Mail.Send'].Role),
    })),
  });
  await useClientSecretApp(page);
  // Saved, so that following the link does not stop at the unsaved-changes question.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await sendThroughGraph(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed: /);
  await expect(resultBox(page)).toContainText('ErrorAccessDenied');
  await expect(resultBox(page)).toContainText(`Meaning: ${entry('graph-access-denied').meaning}`);
  const [fix] = setupStepsFor(entry('graph-access-denied'), 'client-secret');
  await checkDialog(page)
    .getByRole('button', { name: formatSetupStep(fix!) })
    .click();
  const step = page.locator('#walkthrough-graph-1');
  await expect(step).toHaveAttribute('aria-current', 'step');
  await expect(step).toBeInViewport();
  await page.screenshot({ path: shot('walkthrough-graph-checklist') });
});

test('EWS not on the allow list: "blocked by policy" with the commands for this app', async ({
  host: _host,
  page,
  demo,
}) => {
  await demo.updateOrganization({ ewsAllowedAppIds: [CLIENT_SECRET_APP_ID] });
  await openCheckDialog(page);
  await runTest(page);
  const result = resultBox(page);
  await expect(result).toContainText('EWS is blocked by policy for this user or tenant');
  await expect(result).toContainText(`Meaning: ${entry('ews-blocked').meaning}`);
  await expect(result).toContainText(
    `Set-OrganizationConfig -EwsAllowedAppIDs "<existing ids>,${ROPC_APP_ID}"`,
  );
  await expect(result).toContainText('Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy');
  await expect(result).not.toContainText('@{Add');
  await expect(result).toContainText(
    /EWS in Exchange Online ends on 2027-04-01 \(\d+ days? left\)/,
  );
  await page.screenshot({ path: shot('check-ews-blocked') });
});

test('Validate through Microsoft Graph: 200 mailboxes with one token request', async ({
  host,
  hostEnv,
  page,
  demo: before,
}) => {
  test.setTimeout(90_000);
  const mailboxes = (await before.snapshot()).mailboxes.map((m) => m.address);
  const form = {
    ...defaultIncomingSettings,
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret' as const,
    accounts: Array.from({ length: 200 }, (_, n) => ({
      ...newIncomingAccount(randomUUID()),
      email: mailboxes[n % mailboxes.length]!,
      types: ['crm' as const],
    })),
  };
  // A returning admin's configuration: 200 rows over the demo's mailboxes (an address used twice
  // is still validated; it only stops a save), and the client secret in the keychain.
  const file = path.join(host.settingsDir, 'settings.json');
  const document = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify({ ...document, incoming: form }));
  await keytar.setPassword(host.keychainService, INCOMING_CLIENT_SECRET_ACCOUNT, DEMO_SECRET_VALUE);
  await host.restart();
  const demo = await demoControl(host, hostEnv);

  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(field(page, 'Application (client) ID')).toHaveValue(CLIENT_SECRET_APP_ID);
  await page.getByLabel('Validate through').selectOption({ label: 'Microsoft Graph' });
  await demo.resetCounters();
  await page.getByRole('button', { name: 'Validate all' }).click();
  await expect(page.getByRole('button', { name: 'Validate all' })).toBeEnabled({ timeout: 60_000 });
  const counts = await demo.requestCounts();
  expect(counts.token).toBe(1);
  expect(counts.ews).toBe(0);
  await expect(
    page
      .getByRole('grid', { name: 'E-mail accounts' })
      .getByRole('img', { name: /^Validated: / })
      .first(),
  ).toBeVisible();
});
