import type { Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { DEMO_BADGE } from '../shared/contract/environment';
import { formatSetupStep, setupStepsFor } from '../shared/diagnosis/diagnose';
import { diagnosisTable } from '../shared/diagnosis/table';
import { SECRET_MASK } from '../shared/settings/secrets';
import {
  JWT,
  captureApiTraffic,
  checkDialog,
  dialogField,
  expect,
  firstResultLine,
  openCheckDialog,
  resultBox,
  runTest,
  runTestWithPassword,
  test,
} from './fixtures/demo-host';
import { axeFindings, isBlocking } from './fixtures/axe';
import { azureStep } from './fixtures/walkthrough-page';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const WRONG_PASSWORD = 'Not-The-Passw0rd!';

function diagnosis(id: string) {
  const entry = diagnosisTable.find((e) => e.id === id);
  if (!entry) throw new Error(`No diagnosis ${id}`);
  return entry;
}

/** The Result box shows the diagnosis table's meaning, fix and setup step for this failure. */
async function expectDiagnosis(page: Page, id: string, code: string) {
  const entry = diagnosis(id);
  const result = resultBox(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed: /);
  await expect(result).toHaveClass(/tone-failed/);
  await expect(result).toContainText(code);
  await expect(result).toContainText(`Meaning: ${entry.meaning}`);
  await expect(result).toContainText(`Fix: ${entry.fix}`);
  const step = entry.setupSteps[0];
  if (step) await expect(result).toContainText(formatSetupStep(step));
}

function expectNoSecretIn(texts: string[], secrets: string[]) {
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(JWT);
  }
}

test('first run in Demo: one click on the icon and one on Test give OK!, and the mail arrives', async ({
  host,
  page,
  demo,
}) => {
  const traffic = captureApiTraffic(page);
  await expect(page.getByRole('note', { name: 'Current environment' })).toHaveText(DEMO_BADGE);
  // The first run prefilled rows 12, 21–23 and put the seeded password in the keychain.
  await expect(field(page, 'User name (Exchange)')).toHaveValue(DEMO_USERS.erpService);
  await expect(field(page, 'Application (client) ID')).toHaveValue(ROPC_APP_ID);
  await expect(field(page, 'Directory (tenant) ID')).toHaveValue(DEMO_TENANT_ID);
  await expect(field(page, 'Authentication flow')).toHaveValue('password');
  expect(await host.keychainSecrets()).toContain(DEMO_PASSWORD);

  await openCheckDialog(page);
  await expect(dialogField(page, 'E-mail method')).toHaveValue('exchange-online');
  await expect(dialogField(page, 'Sender')).toHaveValue(DEMO_USERS.erpService);
  await expect(dialogField(page, 'Recipient')).toHaveValue(DEMO_USERS.recipient);
  await expect(dialogField(page, 'User name (Exchange)')).toHaveValue(DEMO_USERS.erpService);
  await expect(dialogField(page, 'Password (Exchange)')).toHaveValue(SECRET_MASK);
  await expect(checkDialog(page).getByRole('button', { name: 'Test', exact: true })).toBeFocused();

  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toHaveClass(/tone-ok/);
  await expect(resultBox(page)).toContainText('(new token)');

  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox).toHaveLength(1);
  expect(inbox[0]?.from).toBe(DEMO_USERS.erpService);
  expect(inbox[0]?.body).not.toContain(DEMO_PASSWORD);

  // Within the token's lifetime the second Test asks Entra ID for nothing.
  await demo.resetCounters();
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toContainText('(cached token)');
  expect((await demo.requestCounts()).token).toBe(0);
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toHaveLength(2);

  const resultText = (await resultBox(page).textContent()) ?? '';
  expectNoSecretIn([...traffic, resultText], [DEMO_PASSWORD]);
  expectNoSecretIn(Object.values(await host.settingsFiles()), [DEMO_PASSWORD]);

  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(checkDialog(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Check e-mail settings' })).toBeFocused();
});

test('the Client secret flow, with the form not saved, gives OK! through impersonation', async ({
  host,
  page,
  demo,
}) => {
  const traffic = captureApiTraffic(page);
  await expect(field(page, 'Application (client) ID')).toHaveValue(ROPC_APP_ID);
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);

  await openCheckDialog(page);
  await dialogField(page, 'Recipient').fill(DEMO_USERS.recipient);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toContainText('full_access_as_app');

  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox.map((m) => m.from)).toEqual([DEMO_USERS.erpService]);

  const resultText = (await resultBox(page).textContent()) ?? '';
  const files = Object.values(await host.settingsFiles());
  expectNoSecretIn([...traffic, resultText, ...files], [DEMO_SECRET_VALUE, DEMO_PASSWORD]);
});

test('a wrong password typed in the dialog is diagnosed as AADSTS50126 and never shown', async ({
  host,
  page,
  demo: _demo,
}) => {
  const traffic = captureApiTraffic(page);
  await openCheckDialog(page);
  await runTestWithPassword(page, WRONG_PASSWORD);
  await expectDiagnosis(page, 'wrong-password', 'AADSTS50126');

  const resultText = (await resultBox(page).textContent()) ?? '';
  const files = Object.values(await host.settingsFiles());
  expectNoSecretIn([...traffic, resultText, ...files], [WRONG_PASSWORD, DEMO_PASSWORD]);
});

test('public client flows off: AADSTS7000218 with the fix in step 17', async ({ page, demo }) => {
  await demo.updateApp(ROPC_APP_ID, { allowPublicClientFlows: false });
  await openCheckDialog(page);
  await runTest(page);
  await expectDiagnosis(page, 'public-client-flows-off', 'AADSTS7000218');
  await expect(resultBox(page)).toContainText(/steps? 17/);

  // The link under the Result closes the dialog and shows the step in the walkthrough.
  const [fix] = setupStepsFor(diagnosis('public-client-flows-off'), 'password');
  await checkDialog(page)
    .getByRole('button', { name: formatSetupStep(fix!) })
    .click();
  await expect(checkDialog(page)).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Setup walkthrough', level: 1 })).toBeVisible();
  await expect(azureStep(page, 17)).toHaveAttribute('aria-current', 'step');
  await expect(azureStep(page, 17)).toBeInViewport();
});

test('EWS disabled for the organisation: the EwsEnabled commands', async ({ page, demo }) => {
  await demo.updateOrganization({ ewsEnabled: false });
  await openCheckDialog(page);
  await runTest(page);
  await expectDiagnosis(page, 'ews-disabled', 'HTTP 403');
  await expect(resultBox(page)).toContainText('Set-OrganizationConfig -EwsEnabled:$true');
});

test('an invalid recipient is shown by its field, and nothing is sent', async ({ page, demo }) => {
  await openCheckDialog(page);
  await dialogField(page, 'Recipient').fill('not-an-address');
  await demo.resetCounters();
  await runTest(page);
  await expect(dialogField(page, 'Recipient')).toHaveAttribute('aria-invalid', 'true');
  await expect(checkDialog(page).locator('.row-error')).not.toHaveCount(0);
  await expect(firstResultLine(page)).toHaveText(/^Failed: Validate settings/);
  expect(await demo.requestCounts()).toMatchObject({ token: 0, ews: 0 });
});

test('Cancel during a slow token request ends the run at once with "Cancelled"', async ({
  page,
  demo,
}) => {
  await demo.setFault('token', { latencyMs: 15_000 });
  await openCheckDialog(page);
  const dialog = checkDialog(page);
  await dialog.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Acquire token/);
  // While a test runs, Cancel stops it and the dialog stays (Escape does the same: keyboard.spec).
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The token request would take 15 s: seeing the result within a second proves the cancel.
  await expect(firstResultLine(page)).toHaveText('Cancelled', { timeout: 1_000 });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a 403 right after consent changed is retried with a visible countdown', async ({
  page,
  demo,
}) => {
  // Consent withdrawn and granted again: the tenant answers EWS with 403 until it propagates.
  await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: false });
  await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: true });
  await openCheckDialog(page);
  const dialog = checkDialog(page);
  await dialog.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(
    dialog.getByText(/^Waiting for the change to reach Microsoft 365: at most \d+ s left of 35 s/),
  ).toBeVisible({ timeout: 10_000 });
  await expect(dialog.getByRole('status')).toHaveText(/Send test message \(EWS\) \(try 2\)/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(firstResultLine(page)).toHaveText('Cancelled');
});

test('another E-mail method or Send through clears the previous Result', async ({ page, demo }) => {
  await openCheckDialog(page);
  await dialogField(page, 'Recipient').fill(DEMO_USERS.recipient);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toHaveLength(1);
  await dialogField(page, 'E-mail method').selectOption({ index: 2 });
  await expect(resultBox(page)).not.toContainText('OK!');
  await expect(firstResultLine(page)).toHaveCount(0);
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking).toEqual([]);
});
