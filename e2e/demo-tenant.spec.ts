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
import { formatSetupStep } from '../shared/diagnosis/diagnose';
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
import type { DemoControlClient } from '../test-support/demo-tenant/control-client';
import { sampleInputs } from '../test-support/host/test-doubles';
import { axeFindings, isBlocking } from './fixtures/axe';
import { screenshotPath } from './fixtures/screenshot-path';

const ROPC_APP = 'ERP Mail (User name/Password)';
const CLIENT_SECRET_APP = 'ERP Mail (Client secret)';
const erp = DEMO_USERS.erpService;

const entry = (id: string) => {
  const found = diagnosisTable.find((e) => e.id === id);
  if (!found) throw new Error(`No diagnosis ${id}`);
  return found;
};
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const appCard = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

async function openDemoTenant(page: Page) {
  await nav(page, 'Demo tenant').click();
  await expect(page.getByRole('heading', { name: 'Demo tenant', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'App registrations' })).toBeVisible();
}

/** Waits for a change to be answered: the procedure is no longer busy. */
const settled = (page: Page) =>
  expect(page.locator('.procedure.demo-tenant')).toHaveAttribute('aria-busy', 'false');

/** A tick box shows the tenant's state: it turns once the change is answered. */
async function toggle(control: Locator, page: Page, on: boolean) {
  await expect(control).toBeChecked({ checked: !on });
  await control.click();
  await expect(control).toBeChecked({ checked: on });
  await settled(page);
}

async function choose(control: Locator, page: Page, value: string) {
  await control.selectOption(value);
  await settled(page);
}

/** Saves System settings and waits until the save is answered. */
async function saved(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar').getByText('Saved', { exact: true })).toBeVisible();
}

/** System settings rows 21, 23 and 24 for the demo's Client secret app, saved. */
async function useClientSecretApp(page: Page) {
  await nav(page, 'System settings').click();
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await saved(page);
}

// ---------------------------------------------------------------------------------------------
// Break and fix in the walkthrough: support's script.

const walkthroughList = (page: Page, title: string) =>
  page.getByRole('list', { name: `${title} steps` }).locator(':scope > li');
const azure = (page: Page, n: number) => walkthroughList(page, 'Azure Portal setup').nth(n - 1);
const ewsAccess = (page: Page, n: number) =>
  walkthroughList(page, 'EWS access in Exchange Online').nth(n - 1);

async function openWalkthrough(page: Page) {
  await nav(page, 'Setup walkthrough').click();
  await expect(page.getByRole('heading', { name: 'Setup walkthrough', level: 1 })).toBeVisible();
}

interface Script {
  /** The step with tenant state, and the step whose Check shows the failure. */
  broken: Locator;
  checked: Locator;
  step: number;
  check: 'Check token' | 'Check test message';
  diagnosis: string;
  code: string;
  /** The walkthrough step the diagnosis links to. */
  linkTo: Locator;
  /** After the fix, the 403 of a consent change is waited out with the countdown first. */
  countdown: boolean;
  /** Called while the failure and its link are on screen. */
  onFailure?(): Promise<void>;
}

/** The line Break/Fix leaves beside the step. */
const tenantNote = (step: Locator) => step.locator('.tenant-step').getByRole('status');

async function breakCheckFix(page: Page, s: Script) {
  await s.broken.getByRole('button', { name: `Break step ${s.step}` }).click();
  await expect(tenantNote(s.broken)).toContainText(`Broke step ${s.step}:`);
  await s.checked.getByRole('button', { name: s.check }).click();
  const failed = s.checked.getByRole('status').filter({ hasText: 'Failed' });
  await expect(failed).toContainText(`Failed: ${entry(s.diagnosis).meaning}`, { timeout: 20_000 });
  await expect(failed).toContainText(s.code);
  await failed
    .getByRole('button', { name: formatSetupStep(entry(s.diagnosis).setupSteps[0]!) })
    .click();
  await expect(s.linkTo).toHaveAttribute('aria-current', 'step');
  await expect(s.linkTo).toBeFocused();
  await s.onFailure?.();

  await s.broken.getByRole('button', { name: `Fix step ${s.step}` }).click();
  await expect(tenantNote(s.broken)).toContainText(`Fixed step ${s.step}:`);
  await s.checked.getByRole('button', { name: s.check }).click();
  if (s.countdown)
    await expect(s.checked.getByRole('status').first()).toContainText(/trying again in \d+ s/, {
      timeout: 10_000,
    });
  const ok = s.checked.locator('.check-verdict.tone-ok');
  await expect(ok).toBeVisible({ timeout: 30_000 });
  await expect(ok.getByLabel('Check result')).toContainText('OK!');
}

/** Reset demo tenant asks first; its confirmation's own button resets. */
async function resetDemoTenant(page: Page) {
  await openDemoTenant(page);
  await page.getByRole('button', { name: 'Reset demo tenant' }).click();
  await page
    .getByRole('dialog', { name: 'Reset demo tenant?' })
    .getByRole('button', { name: 'Reset demo tenant' })
    .click();
  await settled(page);
}

test('support breaks step 14 (consent), Check shows AADSTS65001 and its step, fix waits out the propagation with a countdown, then OK! @screenshots', async ({
  page,
  demo,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDemoTenant(page);
  await choose(
    page.getByLabel('Propagation delay after a permission or consent change'),
    page,
    '5',
  );
  await openWalkthrough(page);
  await expect(azure(page, 14).getByRole('button', { name: 'Break step 14' })).toBeVisible();
  // Steps without tenant state have no Break button.
  await expect(azure(page, 13).getByRole('button', { name: /Break step/ })).toHaveCount(0);
  await breakCheckFix(page, {
    broken: azure(page, 14),
    checked: azure(page, 15),
    step: 14,
    check: 'Check token',
    diagnosis: 'consent-missing',
    code: 'AADSTS65001',
    linkTo: azure(page, 14),
    countdown: true,
    onFailure: async () => {
      await azure(page, 15).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('demo-walkthrough-break-1280x720') });
    },
  });
  await azure(page, 14).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('demo-walkthrough-fix-1280x720') });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: screenshotPath('demo-walkthrough-fix-1400x1000') });

  await resetDemoTenant(page);
  await expect(
    page.getByLabel('Propagation delay after a permission or consent change'),
  ).toHaveValue('30');
  expect(
    (await demo.snapshot()).apps.find((a) => a.clientId === ROPC_APP_ID)?.adminConsentGranted,
  ).toBe(true);
});

test('support takes the app off the EWS allow list in the walkthrough and puts it back', async ({
  page,
  demo,
}) => {
  await openWalkthrough(page);
  await breakCheckFix(page, {
    broken: ewsAccess(page, 3),
    checked: ewsAccess(page, 4),
    step: 3,
    check: 'Check test message',
    diagnosis: 'ews-blocked',
    code: 'EWS is blocked by policy for this user or tenant',
    linkTo: ewsAccess(page, 3),
    countdown: false,
  });
  await resetDemoTenant(page);
  expect((await demo.snapshot()).organization.ewsAllowedAppIds).toEqual([
    ROPC_APP_ID,
    CLIENT_SECRET_APP_ID,
  ]);
});

test('support lets the client secret expire in the walkthrough and renews it', async ({
  page,
  demo,
}) => {
  await useClientSecretApp(page);
  await openWalkthrough(page);
  await expect(page.getByRole('radio', { name: 'Client secret' })).toBeChecked();
  await breakCheckFix(page, {
    broken: azure(page, 21),
    checked: azure(page, 22),
    step: 21,
    check: 'Check token',
    diagnosis: 'secret-expired',
    code: 'AADSTS7000222',
    linkTo: azure(page, 20),
    countdown: false,
  });
  await resetDemoTenant(page);
  const app = (await demo.snapshot()).apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
  expect(app?.secrets.map((s) => s.expiresAt)).toEqual(['2028-11-26T00:00:00.000Z']);
});

const consentOf = async (demo: DemoControlClient, clientId: string) =>
  (await demo.snapshot()).apps.find((a) => a.clientId === clientId)?.adminConsentGranted;

test('each walkthrough part breaks its own app, named; a revoked consent is diagnosed as consent @screenshots', async ({
  page,
  demo,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Row 21 holds the Client secret part's app: the User name/Password part must not touch it.
  await useClientSecretApp(page);
  await openWalkthrough(page);
  await page.getByRole('radio', { name: 'User name/Password' }).check();
  await azure(page, 14).getByRole('button', { name: 'Break step 14' }).click();
  await expect(tenantNote(azure(page, 14))).toContainText(
    `Broke step 14: admin consent undone for ${ROPC_APP}.`,
  );
  expect(await consentOf(demo, ROPC_APP_ID)).toBe(false);
  expect(await consentOf(demo, CLIENT_SECRET_APP_ID)).toBe(true);
  await azure(page, 14).getByRole('button', { name: 'Fix step 14' }).click();
  await expect(tenantNote(azure(page, 14))).toContainText(
    `Fixed step 14: admin consent restored for ${ROPC_APP}.`,
  );
  expect(await consentOf(demo, ROPC_APP_ID)).toBe(true);

  // The Client secret part breaks row 21's app; EWS then gets a token without roles.
  await page.getByRole('radio', { name: 'Client secret' }).check();
  await azure(page, 15).getByRole('button', { name: 'Break step 15' }).click();
  await expect(tenantNote(azure(page, 15))).toContainText(
    `Broke step 15: admin consent undone for ${CLIENT_SECRET_APP}.`,
  );
  expect(await consentOf(demo, CLIENT_SECRET_APP_ID)).toBe(false);
  const greenIcon = walkthroughList(page, 'Check e-mail settings (the green icon)');
  const checked = greenIcon.filter({
    has: page.getByRole('button', { name: 'Check test message' }),
  });
  await checked.getByRole('button', { name: 'Check test message' }).click();
  const failed = checked.getByRole('status').filter({ hasText: 'Failed' });
  const lacks = entry('token-lacks-ews-permission');
  await expect(failed).toContainText(`Failed: ${lacks.meaning}`, { timeout: 20_000 });
  await expect(failed).toContainText('2000008');
  await expect(failed).toContainText(
    'admin consent for the app is missing (never granted, or revoked)',
  );
  await expect(failed).not.toContainText('Azure Portal setup (User name & password)');
  const consentStep = lacks.setupSteps.find((r) => r.part === 'client-secret')!;
  await failed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('demo-walkthrough-consent-revoked-1280x720') });
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);
  await failed.getByRole('button', { name: formatSetupStep(consentStep) }).click();
  await expect(azure(page, 15)).toHaveAttribute('aria-current', 'step');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: screenshotPath('demo-walkthrough-consent-link-1400x1000') });
  await azure(page, 15).getByRole('button', { name: 'Fix step 15' }).click();
  await expect(tenantNote(azure(page, 15))).toContainText(
    `Fixed step 15: admin consent restored for ${CLIENT_SECRET_APP}.`,
  );
  expect(await consentOf(demo, CLIENT_SECRET_APP_ID)).toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Every tenant-state row of FLOWS.md §4, produced from the Demo tenant procedure.

interface Row {
  name: string;
  diagnosis: string;
  code: string | RegExp;
  produce(page: Page): Promise<void>;
  /** Set in the test dialog before Test. */
  dialog?: (page: Page) => Promise<void>;
}

const user = (page: Page, label: string) => page.getByLabel(`${label}: ${erp}`, { exact: true });
const inCard = (page: Page, app: string, label: string) =>
  appCard(page, app).getByLabel(label, { exact: true });

const passwordRows: Row[] = [
  {
    name: 'consent missing',
    diagnosis: 'consent-missing',
    code: 'AADSTS65001',
    produce: (p) => toggle(inCard(p, ROPC_APP, 'Admin consent granted'), p, false),
  },
  {
    name: 'public client flows off',
    diagnosis: 'public-client-flows-off',
    code: 'AADSTS7000218',
    produce: (p) => toggle(inCard(p, ROPC_APP, 'Allow public client flows'), p, false),
  },
  {
    name: 'MFA required',
    diagnosis: 'mfa-required',
    code: 'AADSTS50076',
    produce: async (p) => {
      await toggle(user(p, 'MFA required'), p, true);
      await toggle(user(p, 'MFA method registered'), p, true);
    },
  },
  {
    name: 'MFA enrolment required',
    diagnosis: 'mfa-required',
    code: 'AADSTS50079',
    produce: (p) => toggle(user(p, 'MFA required'), p, true),
  },
  {
    name: 'account disabled',
    diagnosis: 'account-disabled',
    code: 'AADSTS50057',
    produce: (p) => toggle(user(p, 'Disabled'), p, true),
  },
  {
    name: 'account locked',
    diagnosis: 'account-locked',
    code: 'AADSTS50053',
    produce: (p) => toggle(user(p, 'Locked'), p, true),
  },
  {
    name: 'password expired',
    diagnosis: 'password-expired',
    code: 'AADSTS50055',
    produce: (p) => toggle(user(p, 'Password expired'), p, true),
  },
  {
    name: 'Conditional Access',
    diagnosis: 'conditional-access',
    code: 'AADSTS53003',
    produce: (p) => toggle(user(p, 'Blocked by Conditional Access'), p, true),
  },
  {
    name: 'EWS disabled for the organisation',
    diagnosis: 'ews-disabled',
    code: 'EWS is disabled for this user or tenant',
    produce: (p) => choose(p.getByLabel('EwsEnabled (organisation)'), p, 'false'),
  },
  {
    name: 'EWS disabled for the mailbox',
    diagnosis: 'ews-disabled',
    code: 'EWS is disabled for this user or tenant',
    produce: (p) => choose(p.getByLabel(`EwsEnabled: ${erp}`), p, 'false'),
  },
  {
    name: 'EWS not allow-listed',
    diagnosis: 'ews-blocked',
    code: 'EWS is blocked by policy for this user or tenant',
    produce: (p) => toggle(p.getByLabel(`On the EWS allow list: ${ROPC_APP}`), p, false),
  },
  {
    name: 'no Send As',
    diagnosis: 'mailbox-access',
    code: 'ErrorSendAsDenied',
    produce: async (p) => {
      await p.getByLabel('Rights on mailbox').selectOption(DEMO_SHARED_MAILBOXES.orders);
      await toggle(p.getByLabel(`Send As: ${erp}`), p, false);
    },
    dialog: (p) => dialogField(p, 'Sender').fill(DEMO_SHARED_MAILBOXES.orders),
  },
];

const clientSecretRows: Row[] = [
  {
    name: 'public client flows on with a secret',
    diagnosis: 'public-client-with-secret',
    code: 'AADSTS700025',
    produce: (p) => toggle(inCard(p, CLIENT_SECRET_APP, 'Allow public client flows'), p, true),
  },
  {
    name: 'secret expired',
    diagnosis: 'secret-expired',
    code: 'AADSTS7000222',
    produce: async (p) => {
      await appCard(p, CLIENT_SECRET_APP).getByLabel('Expires: ERP Mail demo').fill('2026-01-01');
      await settled(p);
      await expect(
        appCard(p, CLIENT_SECRET_APP).getByText('Expired', { exact: true }),
      ).toBeVisible();
    },
  },
  {
    name: 'no EWS permission',
    diagnosis: 'token-lacks-ews-permission',
    code: '2000008',
    produce: (p) =>
      toggle(inCard(p, CLIENT_SECRET_APP, 'full_access_as_app (Application)'), p, false),
  },
  {
    name: 'Graph access denied',
    diagnosis: 'graph-access-denied',
    code: 'ErrorAccessDenied',
    produce: (p) => toggle(inCard(p, CLIENT_SECRET_APP, 'Mail.Send (Application)'), p, false),
    dialog: async (p) => {
      await dialogField(p, 'Send through').selectOption({ label: 'Microsoft Graph' });
    },
  },
];

const smtpRows: Row[] = [
  {
    name: 'SMTP AUTH off for the organisation',
    diagnosis: 'smtp-auth-disabled',
    code: '535 5.7.139',
    produce: (p) => toggle(p.getByLabel('SMTP AUTH (organisation)'), p, false),
  },
  {
    name: 'SMTP AUTH off for the mailbox',
    diagnosis: 'smtp-auth-disabled',
    code: 'SmtpClientAuthentication is disabled for the Mailbox',
    produce: (p) => choose(p.getByLabel(`SMTP AUTH: ${erp}`), p, 'false'),
  },
  {
    name: 'Basic auth for SMTP off',
    diagnosis: 'smtp-basic-auth-not-supported',
    code: '550 5.7.30',
    produce: (p) => toggle(p.getByLabel('Basic auth for SMTP AUTH'), p, false),
  },
];

/** System settings for Exchange Online's SMTP submission with a password, saved. */
async function useSmtp(page: Page) {
  await nav(page, 'System settings').click();
  await field(page, 'E-mail method').selectOption({ label: 'Server based, via SMTP' });
  await field(page, 'Server address (Exchange/SMTP)').fill('smtp.office365.com');
  await field(page, 'Port (Exchange/SMTP)').fill('587');
  await field(page, 'User name (SMTP)').fill(erp);
  await field(page, 'Password (SMTP)').fill(DEMO_PASSWORD);
  await saved(page);
}

/** Produces the row in the procedure, then runs the green icon's Test and reads the diagnosis. */
async function produceAndDiagnose(page: Page, row: Row) {
  await resetDemoTenant(page);
  await row.produce(page);
  await nav(page, 'System settings').click();
  await openCheckDialog(page);
  await row.dialog?.(page);
  await runTest(page);
  await expect(firstResultLine(page), row.name).toHaveText(/^Failed: /);
  await expect(resultBox(page), row.name).toContainText(row.code);
  await expect(resultBox(page), row.name).toContainText(`Meaning: ${entry(row.diagnosis).meaning}`);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
}

test('User name/Password: each tenant-state row is produced in the Demo tenant procedure and diagnosed in the dialog', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(120_000);
  for (const row of passwordRows) await produceAndDiagnose(page, row);
});

test('Client secret: each tenant-state row is produced in the Demo tenant procedure and diagnosed in the dialog', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(90_000);
  await useClientSecretApp(page);
  for (const row of clientSecretRows) await produceAndDiagnose(page, row);
});

test('SMTP: each tenant-state row is produced in the Demo tenant procedure and diagnosed in the dialog', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(90_000);
  await useSmtp(page);
  for (const row of smtpRows) await produceAndDiagnose(page, row);
});

test('no Full Access: produced in the procedure, diagnosed when Settings for incoming e-mail validates the shared mailbox', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(60_000);
  await nav(page, 'Settings for incoming e-mail').click();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(ROPC_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'User name/Password' });
  await page.keyboard.press('F5');
  const account = page
    .getByRole('grid', { name: 'E-mail accounts' })
    .locator('[data-row-id]')
    .first();
  await account.getByLabel('E-mail', { exact: true }).fill(DEMO_SHARED_MAILBOXES.orders);
  await account.getByLabel('User name', { exact: true }).fill(erp);
  await account.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await account.getByRole('button', { name: /^Type\b/ }).click();
  await account.getByRole('checkbox', { name: 'Monitor-to-Monitor' }).check();
  await page.keyboard.press('Escape');
  const validate = () => page.getByRole('button', { name: 'Validate all' }).click();
  // The seed gives the ERP's account Full Access to orders@: it validates.
  await validate();
  await expect(account.getByRole('img', { name: /^Validated: / })).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    'Saved',
  );

  await openDemoTenant(page);
  await page.getByLabel('Rights on mailbox').selectOption(DEMO_SHARED_MAILBOXES.orders);
  await toggle(page.getByLabel(`Full Access: ${erp}`), page, false);
  await nav(page, 'Settings for incoming e-mail').click();
  await validate();
  const failed = account.getByRole('img', { name: /^Validation failed: / });
  await expect(failed).toHaveAttribute('title', /ErrorAccessDenied/);
  await expect(account).toContainText(entry('mailbox-access').meaning);
});

test('the 403 after a consent change is retried with a countdown in the dialog', async ({
  host: _host,
  page,
}) => {
  await openDemoTenant(page);
  await choose(
    page.getByLabel('Propagation delay after a permission or consent change'),
    page,
    '300',
  );
  const consent = inCard(page, ROPC_APP, 'Admin consent granted');
  await toggle(consent, page, false);
  await toggle(consent, page, true);
  await expect(appCard(page, ROPC_APP)).toContainText(
    /Exchange Online sees the last permission change in \d+ s/,
  );
  await nav(page, 'System settings').click();
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

test('a fault and a new secret from the procedure: 503 on the token endpoint, the secret shown once', async ({
  page,
  demo,
}) => {
  await openDemoTenant(page);
  await choose(page.getByLabel('Answer: Token endpoint'), page, '503');
  expect((await demo.faults()).token).toMatchObject({ status: 503, retryAfterSeconds: 5 });
  await choose(page.getByLabel('Answer: Token endpoint'), page, 'normal');
  expect(await demo.faults()).toEqual({});

  await appCard(page, CLIENT_SECRET_APP).getByRole('button', { name: 'New client secret' }).click();
  await settled(page);
  const value = page.getByLabel('New client secret value');
  await expect(value).toHaveText(/^.{3}8Q~/);
  const secret = (await value.textContent()) ?? '';
  const app = (await demo.snapshot()).apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
  expect(app?.secrets.map((s) => s.value)).toContain(secret);
  await page
    .getByRole('status')
    .filter({ hasText: 'shown only once' })
    .getByRole('button', { name: 'Dismiss' })
    .click();
  await expect(page.getByText(secret)).toHaveCount(0);
});

test('the Demo tenant procedure has no serious or critical accessibility violations @screenshots', async ({
  host: _host,
  page,
}) => {
  // axe over the whole page takes a while on a shared 2-core machine.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDemoTenant(page);
  await page.screenshot({ path: screenshotPath('demo-tenant-1280x720') });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: screenshotPath('demo-tenant-1400x1000'), fullPage: true });
  // With a change answered, a new secret's notice and an expired secret on screen too.
  await appCard(page, CLIENT_SECRET_APP).getByRole('button', { name: 'New client secret' }).click();
  const expires = appCard(page, CLIENT_SECRET_APP).getByLabel('Expires: ERP Mail demo');
  await expires.fill('2026-01-01');
  await settled(page);
  await expectNoBlockingAxe(page);

  // Reset asks first: Cancel has the focus, so Enter changes nothing.
  const resetButton = page
    .getByRole('toolbar', { name: 'Demo tenant' })
    .getByRole('button', { name: 'Reset demo tenant' });
  await resetButton.click();
  const confirm = page.getByRole('dialog', { name: 'Reset demo tenant?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shootBoth(page, 'demo-tenant-reset-confirm');
  await expectNoBlockingAxe(page);
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(resetButton).toBeFocused();
  await expect(expires).toHaveValue('2026-01-01');
  await expect(page.getByText(/^Demo tenant reset:/)).toHaveCount(0);

  // Again by keyboard, then Shift+Tab to the dialog's own Reset demo tenant: the tenant goes
  // back and the app says so.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Reset demo tenant' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await settled(page);
  await expect(page.getByText(/^Demo tenant reset: app registrations/)).toBeVisible();
  await expect(expires).not.toHaveValue('2026-01-01');
  // The new secret it removed is no longer offered for copying.
  await expect(page.getByLabel('New client secret value')).toHaveCount(0);
  await shootBoth(page, 'demo-tenant-reset-done');
  await expectNoBlockingAxe(page);
});

async function expectNoBlockingAxe(page: Page) {
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking.map((f) => `${f.rule} ${f.targets.join(' ')}: ${f.summary}`)).toEqual([]);
}

/** The viewport as it is, at the docs' two sizes; the test goes on at 1400x1000. */
async function shootBoth(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 720],
    [1400, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`${name}-${width}x${height}`) });
  }
}

/** One valid call of every demo.* method. */
const demoCalls = Object.entries(sampleInputs).filter(([method]) => method.startsWith('demo.'));

test.describe('outside Demo', () => {
  test.use({ startEnvironment: 'microsoft365' });

  test('the procedure is absent, the walkthrough has no Break/Fix, and every demo.* call is refused', async ({
    page,
    host: _host,
  }) => {
    await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
    await expect(nav(page, 'Test log')).toBeVisible();
    await expect(nav(page, 'Demo tenant')).toHaveCount(0);
    await openWalkthrough(page);
    await expect(page.getByRole('button', { name: /^(Break|Fix) step/ })).toHaveCount(0);

    // The browser host's API as any page holding the launch token could call it: main refuses.
    const answers = await page.evaluate(async (calls) => {
      const token = sessionStorage.getItem('erp-mail-settings.token') ?? '';
      return Promise.all(
        calls.map(async ([method, input]) => {
          const res = await fetch('/api/invoke', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ method, input }),
          });
          return res.json();
        }),
      );
    }, demoCalls);
    expect(answers).toHaveLength(13);
    for (const answer of answers)
      expect(answer).toMatchObject({ ok: false, error: { code: 'demo-only' } });
  });
});
