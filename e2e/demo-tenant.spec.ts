import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
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

async function toggle(control: Locator, page: Page, on: boolean) {
  await (on ? control.check() : control.uncheck());
  await settled(page);
}

async function choose(control: Locator, page: Page, value: string) {
  await control.selectOption(value);
  await settled(page);
}

/** System settings rows 21, 23 and 24 for the demo's Client secret app, saved. */
async function useClientSecretApp(page: Page) {
  await nav(page, 'System settings').click();
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar').getByText('Unsaved changes')).toBeHidden();
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

async function resetDemoTenant(page: Page) {
  await openDemoTenant(page);
  await page.getByRole('button', { name: 'Reset demo tenant' }).click();
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
