import type { Locator, Page } from '@playwright/test';
import { SECRET_MASK } from '../shared/settings/secrets';
import { expect, test } from './fixtures/browser-host';
import { screenshotPath } from './fixtures/screenshot-path';

const main = (page: Page) => page.getByRole('main');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Procedures' });
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const toolbarStatus = (page: Page) => page.getByRole('toolbar').getByRole('status');
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

const PROXY = 'http://proxy.corp.example:8080';
const PASSWORD = 'e2e-Pr0xy~Passw0rd!';

/** Presses Tab until `target` has focus, as a person tabbing to it. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function openNetworkByKeyboard(page: Page): Promise<void> {
  await tabTo(page, nav(page).getByRole('button', { name: 'Network', exact: true }));
  await page.keyboard.press('Enter');
  await expect(main(page).getByRole('heading', { level: 1, name: 'Network' })).toBeVisible();
}

async function openNetworkByMouse(page: Page): Promise<void> {
  await nav(page).getByRole('button', { name: 'Network', exact: true }).click();
  await expect(main(page).getByRole('heading', { level: 1, name: 'Network' })).toBeVisible();
}

// About the form itself, so from a plain Microsoft 365 start (no Demo prefill).
test.use({ startEnvironment: 'microsoft365' });

test.beforeEach(async ({ host: _host, page }) => {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
});

test('Manual proxy: a wrong address is named, a right one saved with its password, kept on reload, Revert works', async ({
  host,
  page,
}) => {
  test.setTimeout(60_000);
  await openNetworkByKeyboard(page);
  await expect(field(page, 'Proxy')).toHaveValue('system');
  await expect(field(page, 'Proxy address')).toBeDisabled();
  await expect(field(page, 'No proxy for')).toBeDisabled();
  await expect(main(page)).toContainText(
    "This computer's certificate store and Node's built-in list",
  );

  await tabTo(page, field(page, 'Proxy'));
  await field(page, 'Proxy').selectOption({ label: 'Manual' });
  await expect(field(page, 'Proxy address')).toBeEnabled();
  await tabTo(page, field(page, 'Proxy address'));
  await page.keyboard.type(`${PROXY}/path`);
  await page.keyboard.press('Tab');
  await expect(main(page).locator('#error-proxyAddress')).toHaveText(
    'Enter only a scheme, host and port as the proxy address, e.g. http://proxy.corp.example:8080.',
  );
  await expect(field(page, 'Proxy address')).toHaveAttribute('aria-invalid', 'true');

  await field(page, 'Proxy address').fill(PROXY);
  await expect(main(page).locator('#error-proxyAddress')).toHaveCount(0);
  await field(page, 'Proxy user name').fill('ann');
  await field(page, 'Proxy password').fill(PASSWORD);
  await field(page, 'No proxy for').fill('.corp.example');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('Saved');
  await expect(main(page)).toContainText(
    `Manual (the app's setting): ${PROXY}, as ann; direct for .corp.example.`,
  );

  // The password went to the keychain, never into a file of the settings folder.
  expect(await host.keychainSecrets()).toContain(PASSWORD);
  for (const [name, text] of Object.entries(await host.settingsFiles()))
    expect(text, name).not.toContain(PASSWORD);

  await page.reload();
  await openNetworkByMouse(page);
  await expect(field(page, 'Proxy')).toHaveValue('manual');
  await expect(field(page, 'Proxy address')).toHaveValue(PROXY);
  await expect(field(page, 'Proxy user name')).toHaveValue('ann');
  await expect(field(page, 'No proxy for')).toHaveValue('.corp.example');
  await expect(field(page, 'Proxy password')).toHaveValue(SECRET_MASK);
  await expect(page.getByRole('button', { name: 'Change Proxy password' })).toBeVisible();

  await field(page, 'Proxy user name').fill('bob');
  await field(page, 'Proxy').selectOption({ label: 'No proxy' });
  await expect(field(page, 'Proxy address')).toBeDisabled();
  await expect(toolbarStatus(page)).toContainText('Unsaved changes');
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(field(page, 'Proxy')).toHaveValue('manual');
  await expect(field(page, 'Proxy user name')).toHaveValue('ann');
  await expect(page.getByRole('button', { name: 'Revert' })).toBeDisabled();
});

test('leaving Network with unsaved changes asks first', async ({ host: _host, page }) => {
  await openNetworkByMouse(page);
  await field(page, 'Proxy').selectOption({ label: 'No proxy' });
  await nav(page).getByRole('button', { name: 'Test log', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Unsaved changes' })).toBeVisible();
  await page.getByRole('button', { name: 'Stay' }).click();
  await expect(field(page, 'Proxy')).toHaveValue('none');
});

test('Check connections answers with its table or says why it could not; screenshots', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(60_000);
  await openNetworkByMouse(page);
  await field(page, 'Proxy').selectOption({ label: 'Manual' });
  await field(page, 'Proxy address').fill(PROXY);
  await field(page, 'Proxy user name').fill('ann');
  await field(page, 'Proxy password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toolbarStatus(page)).toHaveText('Saved');

  const check = page.getByRole('button', { name: 'Check connections' });
  await check.focus();
  await page.keyboard.press('Enter');
  const table = main(page).getByRole('table', { name: 'Connections' });
  const failed = main(page).locator('.connections-answer').getByRole('alert');
  await expect(table.or(failed)).toBeVisible({ timeout: 45_000 });
  await expect(check).toBeFocused();
  if (await table.isVisible())
    await expect(table.getByRole('columnheader')).toHaveText(['Host', 'Route', 'TLS', 'Result']);

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: screenshotPath('network-1400x1000'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('network-1280x720') });
  // Nothing runs off the side at the smaller size.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
