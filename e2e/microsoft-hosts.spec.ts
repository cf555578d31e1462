import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';
import { axeFindings, isBlocking } from './fixtures/axe';
import {
  checkDialog,
  dialogField,
  expect,
  firstResultLine,
  openCheckDialog,
  resultBox,
  runTest,
  test,
} from './fixtures/demo-host';
import { screenshotPath as shot } from './fixtures/screenshot-path';

// SMTP to an HTTPS port gets no banner: the test waits out the timeout, so it is short here.
test.use({ hostEnv: { ERP_MAIL_REQUEST_TIMEOUT_MS: '2500' } });

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });

/** System settings' E-mail method, server and port as the admin sets them, then the green icon. */
async function testWith(page: Page, method: string, server: string, port: string) {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await field(page, 'E-mail method').selectOption({ label: method });
  await field(page, 'Server address (Exchange/SMTP)').fill(server);
  await field(page, 'Port (Exchange/SMTP)').fill(port);
  await openCheckDialog(page);
  await runTest(page);
}

async function closeDialog(page: Page) {
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(checkDialog(page)).toBeHidden();
}

async function expectNoBlockingAxe(page: Page) {
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
}

test('Demo answers as Microsoft: SMTP at outlook.office365.com:443 gets no banner', async ({
  host: _host,
  page,
}) => {
  // Two or three tests, axe and screenshots: slow on a shared 2-core machine.
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await testWith(page, 'Server based, via SMTP', 'outlook.office365.com', '443');
  const result = resultBox(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed: Connect/);
  await expect(result).toContainText('No answer from outlook.office365.com:443');
  await expect(result).toContainText('smtp.office365.com, port 587, Use SSL = No');
  await expect(result).not.toContainText('OK!');
  await page.screenshot({ path: shot('check-smtp-at-https-port') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: shot('check-smtp-at-https-port-1280') });
  await expectNoBlockingAxe(page);

  await closeDialog(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await field(page, 'User name (SMTP)').fill(DEMO_USERS.erpService);
  await field(page, 'Password (SMTP)').fill(DEMO_PASSWORD);
  await testWith(page, 'Server based, via SMTP', 'smtp.office365.com', '587');
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(result).toContainText('Server: smtp.office365.com:587 (STARTTLS)');
});

test('Demo answers as Microsoft: EWS at smtp.office365.com:587 fails as HTTPS to SMTP would', async ({
  host: _host,
  page,
}) => {
  // Two or three tests, axe and screenshots: slow on a shared 2-core machine.
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await testWith(page, 'Server based, via Microsoft Exchange', 'smtp.office365.com', '587');
  const result = resultBox(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed/);
  await expect(result).toContainText('smtp.office365.com:587');
  await expect(result).toContainText('outlook.office365.com');
  await expect(result).not.toContainText('OK!');
  await page.screenshot({ path: shot('check-ews-at-smtp-port') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: shot('check-ews-at-smtp-port-1280') });
  await expectNoBlockingAxe(page);

  // Every OK! names the address and port it used, EWS's and Microsoft Graph's too.
  await closeDialog(page);
  await testWith(page, 'Server based, via Microsoft Exchange Online', 'outlook.office365.com', '0');
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(result).toContainText('Server: outlook.office365.com:443 (EWS over HTTPS)');
  await dialogField(page, 'Send through').selectOption({ label: 'Microsoft Graph' });
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(result).toContainText(
    'Server: graph.microsoft.com:443 (Microsoft Graph over HTTPS)',
  );
});
