import type { Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { formatSetupStep } from '../shared/diagnosis/diagnose';
import { diagnosisTable } from '../shared/diagnosis/table';
import { manifestEntry } from '../shared/walkthrough/steps';
import { expect, test } from './fixtures/demo-host';
import { screenshotPath } from './fixtures/screenshot-path';
import { azureStep as step, azureSteps } from './fixtures/walkthrough-page';

const openWalkthrough = async (page: Page) => {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Setup walkthrough' }).click();
  await expect(page.getByRole('heading', { name: 'Setup walkthrough', level: 1 })).toBeVisible();
};
const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });

test('switches flows, ticks steps and copies the manifest entry', async ({
  host: _host,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWalkthrough(page);
  // Row 23 of the Demo's first run is User name/Password: the walkthrough starts there.
  await expect(page.getByRole('radio', { name: 'User name/Password' })).toBeChecked();
  await expect(azureSteps(page)).toHaveCount(19);
  await expect(page.getByRole('complementary', { name: 'About User name/Password' })).toContainText(
    'not recommended',
  );
  await expect(page.getByRole('complementary', { name: 'Demo tenant' })).toBeVisible();

  await page.getByRole('radio', { name: 'Client secret' }).check();
  await expect(azureSteps(page)).toHaveCount(23);
  await expect(page.getByRole('complementary', { name: 'About User name/Password' })).toBeHidden();
  await expect(step(page, 6)).toContainText(
    'https://login.microsoftonline.com/common/oauth2/nativeclient',
  );

  await step(page, 11).getByRole('button', { name: 'Copy requiredResourceAccess entry' }).click();
  await expect(step(page, 11).getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(manifestEntry('client-secret'));
  expect(JSON.parse(copied)).toEqual({
    resourceAppId: '00000002-0000-0ff1-ce00-000000000000',
    resourceAccess: [{ id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', type: 'Role' }],
  });

  await step(page, 1).getByRole('checkbox', { name: 'Step 1 done' }).check();
  await step(page, 2).getByRole('checkbox', { name: 'Step 2 done' }).check();
  const progress = page
    .getByRole('region', { name: 'Azure Portal setup' })
    .locator('.section-progress');
  await expect(progress).toHaveText('2 / 23');
  // Ticks are per flow and survive a reload of the page.
  await page.getByRole('radio', { name: 'User name/Password' }).check();
  await expect(progress).toHaveText('0 / 19');
  await page.reload();
  await openWalkthrough(page);
  await page.getByRole('radio', { name: 'Client secret' }).check();
  await expect(progress).toHaveText('2 / 23');

  // The next procedure opens at its top, not where this one was scrolled to.
  await page.mouse.move(640, 400);
  // Less than System settings is taller than the window, so that it could keep this scroll.
  await page.mouse.wheel(0, 200);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.getByRole('navigation').getByRole('button', { name: 'System settings' }).click();
  await expect(page.getByRole('heading', { name: 'System settings', level: 1 })).toBeVisible();
  // It is long enough to have kept the scroll, so the top is the app's doing.
  const room = await page.evaluate(() => document.body.scrollHeight - window.innerHeight);
  expect(room).toBeGreaterThanOrEqual(scrolled);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('ticks stay across a reload and a restart of the host (a new port, so a new page origin)', async ({
  host,
  page,
}) => {
  const progress = page
    .getByRole('region', { name: 'Azure Portal setup' })
    .locator('.section-progress');
  const tick = (n: number) => step(page, n).getByRole('checkbox', { name: `Step ${n} done` });
  await openWalkthrough(page);
  await expect(progress).toHaveText('0 / 19');
  await tick(1).check();
  await tick(3).check();
  await tick(4).check();
  await tick(4).uncheck();
  await expect(progress).toHaveText('2 / 19');
  // Kept by the host once the last tick has gone through (the saves go one at a time).
  await expect
    .poll(async () => {
      const file = (await host.settingsFiles())['settings.json'];
      return file
        ? (
            (JSON.parse(file) as { walkthrough?: { done: string[] } }).walkthrough?.done ?? []
          ).sort()
        : [];
    })
    .toEqual(['password:password:1', 'password:password:3']);

  await page.reload();
  await openWalkthrough(page);
  await expect(progress).toHaveText('2 / 19');
  await expect(tick(1)).toBeChecked();
  await expect(tick(3)).toBeChecked();
  await expect(tick(4)).not.toBeChecked();

  await host.restart();
  await openWalkthrough(page);
  await expect(progress).toHaveText('2 / 19');
  await expect(tick(1)).toBeChecked();
  await expect(tick(3)).toBeChecked();
});

test('pasting the Essentials block fills rows 21 and 22, unsaved; garbage fills nothing', async ({
  host: _host,
  page,
}) => {
  await openWalkthrough(page);
  const paste = step(page, 8);
  const box = paste.getByLabel('Essentials block or manifest');

  await box.fill('Display name : Monitor G5\nObject ID : not-an-id');
  await paste.getByRole('button', { name: 'Fill rows 21 and 22' }).click();
  await expect(paste.getByRole('status').last()).toHaveText(
    /^No Application \(client\) ID or Directory \(tenant\) ID found\./,
  );

  await box.fill(
    [
      'Display name\t: ERP Mail (Client secret)',
      `Directory (tenant) ID\t: ${DEMO_TENANT_ID}`,
      'Object ID\t: 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      `Application (client) ID\t: ${CLIENT_SECRET_APP_ID}`,
    ].join('\n'),
  );
  await paste.getByRole('button', { name: 'Fill rows 21 and 22' }).click();
  await expect(paste.getByRole('status').last()).toContainText(
    `Filled in System settings, not saved yet: row 21 Application (client) ID = ${CLIENT_SECRET_APP_ID}; row 22 Directory (tenant) ID = ${DEMO_TENANT_ID}.`,
  );

  await paste.getByRole('button', { name: 'Open System settings' }).click();
  await expect(field(page, 'Application (client) ID')).toHaveValue(CLIENT_SECRET_APP_ID);
  await expect(field(page, 'Directory (tenant) ID')).toHaveValue(DEMO_TENANT_ID);
  await expect(page.getByRole('toolbar').getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(field(page, 'Application (client) ID')).toHaveValue(ROPC_APP_ID);
});

test('Check on a token step diagnoses a setup fault, links to the step that fixes it, then passes @screenshots', async ({
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openWalkthrough(page);
  const save = step(page, 18);
  const check = save.getByRole('button', { name: 'Check token' });

  await demo.updateApp(ROPC_APP_ID, { allowPublicClientFlows: false });
  await check.click();
  const verdict = save.getByRole('status').filter({ hasText: 'Failed' });
  const entry = diagnosisTable.find((e) => e.id === 'public-client-flows-off')!;
  await expect(verdict).toContainText(`Failed: ${entry.meaning}`, { timeout: 20_000 });
  await expect(verdict).toContainText('AADSTS7000218');
  const fix = verdict.getByRole('button', { name: formatSetupStep(entry.setupSteps[0]!) });
  await fix.click();
  await expect(step(page, 17)).toHaveAttribute('aria-current', 'step');
  await expect(step(page, 17)).toBeFocused();
  await expect(step(page, 17)).toBeInViewport();
  await page.screenshot({ path: screenshotPath('walkthrough') });

  await demo.updateApp(ROPC_APP_ID, { allowPublicClientFlows: true });
  await check.click();
  await expect(save.getByRole('status').filter({ hasText: 'Token issued' })).toContainText(
    'Token issued, and the test message was sent.',
    { timeout: 20_000 },
  );
  const inbox = (await demo.readMailbox(DEMO_USERS.recipient)).folders.inbox;
  expect(inbox.map((m) => m.from)).toEqual([DEMO_USERS.erpService]);
});

test('step 21 notes when the client secret expires; row 24 and Result warn ahead of it', async ({
  host: _host,
  page,
}) => {
  const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await openWalkthrough(page);
  await page.getByRole('radio', { name: 'Client secret' }).check();
  await step(page, 21).getByLabel('Secret expires').fill(inTenDays);
  // The warning writes the date as the date field shows it, in the browser's locale (en-US here).
  const [year, month, day] = inTenDays.split('-');
  await expect(step(page, 21).getByRole('status')).toHaveText(
    `The client secret expires on ${month}/${day}/${year} (10 days left): create a new secret in Certificates & secrets (Azure Portal step 21), put its Value in Client secret (row 24) and save before then.`,
  );
  await page.getByRole('navigation').getByRole('button', { name: 'System settings' }).click();
  await expect(page.getByText('Unsaved changes').first()).toBeVisible();
  const beside24 = page.getByRole('main').getByLabel('Secret expires');
  await expect(beside24).toHaveValue(inTenDays);
  // Row 24 and its expiry are in use only under Client secret (row 23).
  await expect(beside24).toBeDisabled();
  await page
    .getByRole('main')
    .getByLabel('Authentication flow', { exact: true })
    .selectOption({ label: 'Client secret' });
  await beside24.fill('2026-02-30');
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'expires on' }),
  ).toHaveCount(0);
  await beside24.fill(inTenDays);
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: '(10 days left)' }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('secret-expiry-row-24') });
});
