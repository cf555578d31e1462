import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, DEMO_USERS } from '../electron/demo-tenant/seed';
import { GRAPH_APP_ID, GRAPH_MAIL_READ_APP_ID } from '../electron/demo-tenant/permissions';
import { diagnosisTable } from '../shared/diagnosis/table';
import { axeFindings, isBlocking } from './fixtures/axe';
import {
  checkDialog,
  dialogField,
  expect,
  firstResultLine,
  openCheckDialog,
  resultBox,
  test,
} from './fixtures/demo-host';
import { screenshotPath as shot } from './fixtures/screenshot-path';

// FLOWS.md §11: the bounce watch shortened from 60 s so the suite stays quick.
// The whole hostEnv is replaced here, so the demo's control token is chosen here too.
test.use({
  hostEnv: { ERP_MAIL_BOUNCE_WATCH_SECONDS: '4', ERP_MAIL_DEMO_CONTROL_TOKEN: randomUUID() },
});

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const nobody = `nobody@${DEMO_USERS.erpService.split('@')[1] ?? ''}`;

async function testThroughGraphWithSecret(page: Page, recipient?: string) {
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await openCheckDialog(page);
  await dialogField(page, 'Send through').selectOption({ label: 'Microsoft Graph' });
  if (recipient) await dialogField(page, 'Recipient').fill(recipient);
  await checkDialog(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(firstResultLine(page)).toHaveText('OK!');
}

test('Client secret: OK!, then Saved in Sent Items, Delivered with seconds, No bounce', async ({
  host: _host,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await testThroughGraphWithSecret(page);
  await expect(resultBox(page)).toContainText(/Saved in Sent Items: \d{4}-\d\d-\d\dT/);
  await expect(resultBox(page)).toContainText(/Delivered to the recipient’s Inbox after \d+ s/);
  await expect(checkDialog(page).getByText(/Watching for a bounce: \d+ s left/)).toBeVisible();
  await page.screenshot({ path: shot('check-delivery-followed') });
  await expect(resultBox(page)).toContainText('No bounce within 4 s', { timeout: 10_000 });
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
});

test('an unknown recipient: OK!, then the bounce turns Result into the 5.1.10 diagnosis', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  const app = (await demo.snapshot()).apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
  await demo.updateApp(CLIENT_SECRET_APP_ID, {
    requiredResourceAccess: (app?.requiredResourceAccess ?? []).map((r) =>
      r.resourceAppId === GRAPH_APP_ID
        ? {
            ...r,
            resourceAccess: [
              ...r.resourceAccess,
              { id: GRAPH_MAIL_READ_APP_ID, type: 'Role' as const },
            ],
          }
        : r,
    ),
  });
  await testThroughGraphWithSecret(page, nobody);
  await expect(firstResultLine(page)).toHaveText(`Failed: Delivery (5.1.10 for ${nobody})`, {
    timeout: 10_000,
  });
  await expect(resultBox(page)).toContainText('Fix: Check the Recipient address');
  await page.screenshot({ path: shot('check-delivery-bounce') });
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
});

/** The Test log's newest entry, expanded: its delivery lines (the form's typed changes left). */
async function newestDeliveryLines(page: Page, unsaved = false) {
  await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
  if (unsaved) await page.getByRole('button', { name: 'Discard changes' }).click();
  const newest = page.locator('.test-log-entry').first();
  await newest.getByRole('button', { name: /^Details of / }).click();
  return newest.getByRole('list', { name: 'Delivery' });
}

test('Cancel during the watch stops following and closes at one press; the Test log says so', async ({
  host: _host,
  page,
}) => {
  await testThroughGraphWithSecret(page);
  await expect(checkDialog(page).getByText(/Watching for a bounce/)).toBeVisible();
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(checkDialog(page)).toBeHidden({ timeout: 1_000 });
  await expect(await newestDeliveryLines(page, true)).toContainText(
    'Following stopped (cancelled).',
  );
});

test('User name/Password to an external recipient: Saved, No bounce within N s, kept in the Test log', async ({
  host: _host,
  page,
}) => {
  await openCheckDialog(page);
  await dialogField(page, 'Recipient').fill('partner@example.com');
  await checkDialog(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).toContainText(/Saved in Sent Items: \d{4}-\d\d-\d\dT/);
  await expect(resultBox(page)).toContainText(
    'Delivery to the recipient not followed: these credentials read only the signed-in user’s own mailbox.',
  );
  await expect(resultBox(page)).toContainText('No bounce within 4 s', { timeout: 10_000 });
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  const lines = await newestDeliveryLines(page);
  await expect(lines).toContainText('No bounce within 4 s');
  await expect(lines).toContainText('Saved in Sent Items');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: shot('test-log-delivery-lines') });
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
});

test('the walkthrough’s bounce switch: Blocked as outbound spam, Check, the 5.1.8 diagnosis', async ({
  host: _host,
  page,
}) => {
  // axe reads the whole walkthrough, which takes a while on the 2-core machine.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Setup walkthrough' }).click();
  const testStep = page
    .getByRole('list', { name: 'Check e-mail settings (the green icon) steps' })
    .locator(':scope > li')
    .filter({ has: page.getByRole('button', { name: 'Check test message' }) });
  const switches = testStep.getByRole('group', { name: 'Demo tenant: show a bounce' });
  // The switch shows the tenant's answer, so it turns on once the demo tenant has taken it.
  const spamSwitch = switches.getByLabel(`Blocked as outbound spam: ${DEMO_USERS.erpService}`);
  await spamSwitch.click();
  await expect(spamSwitch).toBeChecked();
  await expect(switches.getByLabel(`Mailbox full: ${DEMO_USERS.recipient}`)).not.toBeChecked();
  await testStep.getByRole('button', { name: 'Check test message' }).click();
  const spam = diagnosisTable.find((e) => e.id === 'dsn-outbound-spam')!;
  const verdict = testStep.getByRole('status').filter({ hasText: 'Failed' });
  await expect(verdict).toContainText(`Failed: ${spam.meaning}`, { timeout: 10_000 });
  await expect(verdict).toContainText(`Failed: Delivery (5.1.8 for ${DEMO_USERS.recipient})`);
  await expect(verdict).toContainText('Code: DSN 5.1.8 (failed)');
  await switches.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('walkthrough-bounce-switch') });
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
});
