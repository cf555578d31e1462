import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';
import { diagnosisTable } from '../shared/diagnosis/table';
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

test('Client based composes the test message as a mailto: link and sends nothing', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openCheckDialog(page);
  await dialogField(page, 'E-mail method').selectOption({ label: 'Client based (e.g. Outlook)' });
  await expect(dialogField(page, 'User name (Exchange)')).toBeDisabled();
  await expect(checkDialog(page).getByText('Not used: the mail client sends')).toBeVisible();
  await demo.resetCounters();
  await runTest(page);

  await expect(firstResultLine(page)).toHaveText('Composed');
  await expect(resultBox(page)).toContainText('Nothing else can be checked from here');
  const link = checkDialog(page).getByRole('link', {
    name: 'Open the test message in your mail client',
  });
  const href = new URL((await link.getAttribute('href')) ?? '');
  expect(href.protocol).toBe('mailto:');
  expect(href.pathname).toBe(DEMO_USERS.recipient);
  expect(href.searchParams.get('subject')).toMatch(/^ERP Mail Settings: test message, /);
  expect(href.searchParams.get('body')).toContain(`Sender: ${DEMO_USERS.erpService}`);
  expect(await demo.requestCounts()).toMatchObject({ token: 0, ews: 0 });
  await page.screenshot({ path: shot('check-client-based') });
});

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const meaningOf = (id: string) => diagnosisTable.find((e) => e.id === id)!.meaning;

/** System settings as an admin fills them for an SMTP server, then the green icon. */
async function smtpSettings(page: Page, server: string) {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  await field(page, 'Server address (Exchange/SMTP)').fill(server);
  await field(page, 'Port (Exchange/SMTP)').fill('587');
  await field(page, 'User name (SMTP)').fill(DEMO_USERS.erpService);
  await field(page, 'Password (SMTP)').fill(DEMO_PASSWORD);
  await openCheckDialog(page);
  await expect(dialogField(page, 'E-mail method')).toHaveValue('smtp');
  await expect(dialogField(page, 'User name (SMTP)')).toHaveValue(DEMO_USERS.erpService);
}

test('Server based, via SMTP: OK! with each step, banner, TLS and replies; the mail arrives', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await smtpSettings(page, 'smtp.office365.com');
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  const result = resultBox(page);
  await expect(result).toContainText('Banner: 220 ');
  await expect(result).toContainText(/TLS: TLSv1\.[23], certificate CN=/);
  await expect(result).toContainText('AUTH mechanisms offered: PLAIN LOGIN XOAUTH2');
  await expect(result).toContainText('(550 5.7.30)');
  await expect(result).toContainText('XOAUTH2 (OAuth) attempt: OK!');
  await expect(result).not.toContainText(DEMO_PASSWORD);
  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox.map((m) => m.from)).toEqual([DEMO_USERS.erpService, DEMO_USERS.erpService]);
  await page.screenshot({ path: shot('check-smtp-ok') });
});

test('SMTP: rows 21–24 open for smtp.office365.com, where the test tries XOAUTH2 with them', async ({
  host: _host,
  page,
}) => {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  const server = field(page, 'Server address (Exchange/SMTP)');
  const clientId = field(page, 'Application (client) ID');
  await server.fill('mail.contoso.com');
  await expect(clientId).toBeDisabled();
  await server.fill('smtp.office365.com');
  await expect(clientId).toBeEnabled();
  await expect(field(page, 'Authentication flow')).toBeEnabled();
  // Optional there: emptied, they are no error; half filled, they are.
  await clientId.fill('');
  await field(page, 'Directory (tenant) ID').fill('');
  await expect(page.getByRole('region', { name: 'Errors' })).toHaveCount(0);
  await clientId.fill('not-a-guid');
  await clientId.blur();
  await expect(
    page
      .getByText(
        'Directory (tenant) ID is missing: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
      )
      .first(),
  ).toBeVisible();
});

test('SMTP to smtp.office365.com with Basic auth off: 5.7.30 explained, XOAUTH2 shown working', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await demo.updateOrganization({ smtpBasicAuthEnabled: false });
  await smtpSettings(page, 'smtp.office365.com');
  await runTest(page);
  const result = resultBox(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed: Log in \(SMTP AUTH\)/);
  await expect(result).toContainText('550 5.7.30 Basic authentication is not supported');
  await expect(result).toContainText(`Meaning: ${meaningOf('smtp-basic-auth-not-supported')}`);
  await expect(result).toContainText('XOAUTH2 (OAuth) attempt: OK!');
  await page.screenshot({ path: shot('check-smtp-basic-auth-off') });
});

test('SMTP AUTH off for the tenant: 535 5.7.139 with the command that turns it on', async ({
  host: _host,
  page,
  demo,
}) => {
  await demo.updateOrganization({ smtpAuthEnabled: false });
  await smtpSettings(page, 'smtp.office365.com');
  await runTest(page);
  const result = resultBox(page);
  await expect(result).toContainText('535 5.7.139');
  await expect(result).toContainText(
    'Set-TransportConfig -SmtpClientAuthenticationDisabled $false',
  );
});

test('Server based, via Microsoft Exchange (on-premises): OK! with Basic over HTTPS', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await field(page, 'E-mail method').selectOption({
    label: 'Server based, via Microsoft Exchange',
  });
  await field(page, 'Server address (Exchange/SMTP)').fill('exchange.contoso-demo.local');
  await openCheckDialog(page);
  await expect(dialogField(page, 'User name (Exchange)')).toBeEnabled();
  await demo.resetCounters();
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await expect(resultBox(page)).not.toContainText('Token');
  expect(await demo.requestCounts()).toMatchObject({ token: 0, ews: 1 });
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toHaveLength(1);
  await page.screenshot({ path: shot('check-exchange-on-premises-ok') });

  await demo.updateOrganization({ onPremBasicAuthEnabled: false });
  await runTest(page);
  await expect(resultBox(page)).toContainText('must be tested from the ERP');
});
