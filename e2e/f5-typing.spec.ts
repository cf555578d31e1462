import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';

const rows = (page: Page) =>
  page.getByRole('grid', { name: 'E-mail accounts' }).locator('[data-row-id]');
const email = (page: Page, n: number) => rows(page).nth(n).getByLabel('E-mail', { exact: true });

/**
 * F5 and then the text, sent to the browser at once without waiting for any of them to be
 * handled: what a barcode scanner or an automation tool does (Playwright's own typing waits).
 */
async function burst(cdp: CDPSession, text: string): Promise<void> {
  const f5 = { key: 'F5', code: 'F5', windowsVirtualKeyCode: 116 };
  const events = [
    cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...f5 }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...f5 }),
    ...[...text].flatMap((char) => [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: char, text: char }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: char }),
    ]),
  ];
  await Promise.all(events);
}

test('text typed right after F5 lands in the new row, as a scanner or script types it', async ({
  host: _host,
  page,
}) => {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(page.getByRole('button', { name: 'Add row' })).toBeVisible();
  // The burst starts once the saved settings are shown, as a scanner's user would start.
  await expect(page.getByRole('main').getByText('Loading settings…')).toBeHidden();
  const cdp = await page.context().newCDPSession(page);
  for (const address of ['first@contoso.com', 'second@contoso.com', 'third@contoso.com'])
    await burst(cdp, address);
  await expect(rows(page)).toHaveCount(3);
  await expect(email(page, 0)).toHaveValue('first@contoso.com');
  await expect(email(page, 1)).toHaveValue('second@contoso.com');
  await expect(email(page, 2)).toHaveValue('third@contoso.com');
  await expect(email(page, 2)).toBeFocused();
});
