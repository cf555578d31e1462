import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';
import { formatSetupStep, setupStepsFor } from '../shared/diagnosis/diagnose';
import { diagnosisTable } from '../shared/diagnosis/table';
import { anchorOf } from '../shared/walkthrough/steps';
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
const entryOf = (id: string) => diagnosisTable.find((e) => e.id === id)!;
const meaningOf = (id: string) => entryOf(id).meaning;

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
  await expect(result).toContainText('XOAUTH2 accepted up to AUTH');
  await expect(result).not.toContainText(DEMO_PASSWORD);
  // The XOAUTH2 attempt stops at AUTH: exactly the one test message arrives.
  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox.map((m) => m.from)).toEqual([DEMO_USERS.erpService]);
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

/** System settings for smtp.office365.com with a password, saved, so a link may leave them. */
async function savedSmtpSettings(page: Page) {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  await field(page, 'Server address (Exchange/SMTP)').fill('smtp.office365.com');
  await field(page, 'Port (Exchange/SMTP)').fill('587');
  await field(page, 'User name (SMTP)').fill(DEMO_USERS.erpService);
  await field(page, 'Password (SMTP)').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar').getByText('Saved', { exact: true })).toBeVisible();
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

test('SMTP with Basic auth off: 5.7.30 explained, XOAUTH2 proven up to AUTH with nothing sent, and the fix opens row 23’s part', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await demo.updateOrganization({ smtpBasicAuthEnabled: false });
  // The walkthrough was last shown for the other flow: the fix must still follow row 23.
  await nav(page, 'Setup walkthrough').click();
  await page.getByRole('radio', { name: 'Client secret' }).check();
  await nav(page, 'System settings').click();
  await savedSmtpSettings(page);
  await expect(field(page, 'Authentication flow')).toHaveValue('password');
  await openCheckDialog(page);
  await runTest(page);

  const result = resultBox(page);
  await expect(firstResultLine(page)).toHaveText(/^Failed: Log in \(SMTP AUTH\)/);
  await expect(result).toContainText('550 5.7.30 Basic authentication is not supported');
  await expect(result).toContainText(`Meaning: ${meaningOf('smtp-basic-auth-not-supported')}`);
  await expect(result).toContainText(
    `XOAUTH2 accepted up to AUTH as ${DEMO_USERS.erpService} (EHLO, TLS, AUTH XOAUTH2, QUIT); no second message sent.`,
  );
  await expect(result).not.toContainText('second test message was sent');
  await expect(result).not.toContainText('OK!');
  const [rowsForPassword] = setupStepsFor(entryOf('smtp-basic-auth-not-supported'), 'password');
  await expect(result).toContainText(`Setup step: ${formatSetupStep(rowsForPassword!)}`);
  await expect(result).not.toContainText('Authentication flow, Client secret');
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toEqual([]);
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);
  await page.screenshot({ path: shot('check-smtp-basic-auth-off') });
  await result.evaluate((box) => (box.scrollTop = box.scrollHeight));
  await page.screenshot({ path: shot('check-smtp-basic-auth-off-xoauth2') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: shot('check-smtp-basic-auth-off-1280x720') });

  await checkDialog(page)
    .getByRole('button', { name: formatSetupStep(rowsForPassword!) })
    .click();
  await expect(page.getByRole('radio', { name: 'User name/Password' })).toBeChecked();
  const row21 = page.locator(`#${anchorOf('smtp', 21)}`);
  await expect(row21).toHaveAttribute('aria-current', 'step');
  await expect(row21).toContainText('Application (client) ID: for OAuth (XOAUTH2)');
  await expect(page.locator(`#${anchorOf('smtp', 24)}`)).toHaveCount(0);
  await page.screenshot({ path: shot('walkthrough-smtp-oauth-rows-1280x720') });

  // The rows the fix names are open for SMTP with this server.
  await nav(page, 'System settings').click();
  for (const label of ['Application (client) ID', 'Directory (tenant) ID', 'Authentication flow'])
    await expect(field(page, label)).toBeEnabled();
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
  // Basic, so no token; one message sent (following it reads over EWS too, as often as it takes).
  expect(await demo.requestCounts()).toMatchObject({ token: 0 });
  expect((await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox).toHaveLength(1);
  await page.screenshot({ path: shot('check-exchange-on-premises-ok') });

  await demo.updateOrganization({ onPremBasicAuthEnabled: false });
  await runTest(page);
  await expect(resultBox(page)).toContainText('must be tested from the ERP');
});
