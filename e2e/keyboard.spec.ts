import type { Locator, Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../electron/demo-tenant/seed';
import { checkDialog, expect, firstResultLine, resultBox, test } from './fixtures/demo-host';

// No mouse anywhere in this file: every step is a key press, as for a keyboard-only admin.

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const greenIcon = (page: Page) => page.getByRole('button', { name: 'Check e-mail settings' });
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);
const focusInDialog = (page: Page) =>
  checkDialog(page).evaluate((dialog) => dialog.contains(document.activeElement));

/** Presses Tab (Shift+Tab backwards) until `target` has focus, as a person tabbing to it. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function typeInto(page: Page, label: string, value: string): Promise<void> {
  await tabTo(page, field(page, label));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
  await expect(field(page, label)).toHaveValue(value);
}

test('the guide’s User name/Password part of System settings, from the green icon to OK! and back, by keyboard alone', async ({
  host: _host,
  page,
}) => {
  // Some eighty key presses, each waited for, on a shared 2-core machine.
  test.setTimeout(90_000);
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await expect(field(page, 'Application (client) ID')).toBeEnabled();

  // Rows 12–15 and 21–23 as the guide fills them; the stored password is replaced via Change.
  await typeInto(page, 'User name (Exchange)', DEMO_USERS.erpService);
  await tabTo(page, page.getByRole('button', { name: 'Change Password (Exchange)' }));
  await page.keyboard.press('Enter');
  await expect(field(page, 'Password (Exchange)')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await tabTo(page, field(page, 'E-mail method'));
  await expect(field(page, 'E-mail method')).toHaveValue('exchange-online');
  await typeInto(page, 'Server address (Exchange/SMTP)', 'outlook.office365.com');
  await typeInto(page, 'Application (client) ID', ROPC_APP_ID);
  await typeInto(page, 'Directory (tenant) ID', DEMO_TENANT_ID);
  await tabTo(page, field(page, 'Authentication flow'));
  await expect(field(page, 'Authentication flow')).toHaveValue('password');

  // Back up to the green icon; Enter opens the dialog with the Demo's recipient filled in.
  await tabTo(page, greenIcon(page), true);
  await page.keyboard.press('Enter');
  await expect(checkDialog(page)).toBeVisible();
  await expect(checkDialog(page).getByRole('button', { name: 'Test', exact: true })).toBeFocused();
  await expect(resultBox(page)).toHaveAttribute('aria-live', 'polite');

  // Enter on Test: focus stays in the dialog while the test runs and comes back to Test.
  await page.keyboard.press('Enter');
  expect(await focusInDialog(page)).toBe(true);
  await expect(firstResultLine(page)).toHaveText('OK!', { timeout: 20_000 });
  await expect(checkDialog(page).getByRole('button', { name: 'Test', exact: true })).toBeFocused();

  // Tab and Shift+Tab go round inside the dialog, never to the page behind it.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let presses = 0; presses < 25; presses += 1) {
      await page.keyboard.press(key);
      expect(await focusInDialog(page), `${key} × ${presses + 1}`).toBe(true);
    }
  }

  // Escape closes it and hands focus back to the icon; Ctrl+S saves the rows typed above.
  await page.keyboard.press('Escape');
  await expect(checkDialog(page)).toHaveCount(0);
  await expect(greenIcon(page)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    'Saved',
  );
});

test('Escape cancels a running test and leaves the dialog open; Escape again closes it', async ({
  page,
  demo,
}) => {
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  // Consent granted again just now: EWS answers 403 until it propagates, and the check waits.
  await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: false });
  await demo.updateApp(ROPC_APP_ID, { adminConsentGranted: true });
  await tabTo(page, greenIcon(page));
  await page.keyboard.press('Enter');
  await expect(checkDialog(page).getByRole('button', { name: 'Test', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    checkDialog(page).getByText(
      /^Waiting for the change to reach Microsoft 365: at most \d+ s left of 35 s/,
    ),
  ).toBeVisible({
    timeout: 10_000,
  });
  expect(await focusInDialog(page)).toBe(true);

  await page.keyboard.press('Escape');
  await expect(firstResultLine(page)).toHaveText('Cancelled');
  await expect(checkDialog(page)).toBeVisible();
  expect(await focusInDialog(page)).toBe(true);

  await page.keyboard.press('Escape');
  await expect(checkDialog(page)).toHaveCount(0);
  await expect(greenIcon(page)).toBeFocused();
});
