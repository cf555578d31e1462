import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';

const grid = (page: Page) => page.getByRole('grid', { name: 'E-mail accounts' });
const row = (page: Page, n: number) => grid(page).locator('[data-row-id]').nth(n);

test('the Type and Available popovers lie above the next rows and take the clicks', async ({
  host: _host,
  page,
}) => {
  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await page.keyboard.press('F5');
  await page.keyboard.type('first@contoso.com');
  await page.getByRole('button', { name: 'Add row' }).click();
  await page.keyboard.type('second@contoso.com');
  await page.getByRole('button', { name: 'Add row' }).click();
  await page.keyboard.type('third@contoso.com');

  // A click reaches the check box only if nothing (the rows below) is drawn over it.
  await row(page, 0)
    .getByRole('button', { name: /^Type\b/ })
    .click();
  const types = row(page, 0).getByRole('dialog', { name: 'Type' });
  await types.getByRole('checkbox', { name: 'Monitor-to-Monitor' }).click();
  await types.getByRole('checkbox', { name: 'Project' }).click();
  await expect(types.getByRole('checkbox', { name: 'Project' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(row(page, 0).getByRole('button', { name: /^Type\b/ })).toHaveAccessibleName(
    'Type: Monitor-to-Monitor, Project',
  );

  await row(page, 0)
    .getByRole('button', { name: /^Available\b/ })
    .click();
  const available = row(page, 0).getByRole('dialog', { name: 'Available' });
  await available.getByRole('checkbox', { name: 'Available to all' }).click();
  await available.getByRole('textbox', { name: 'ERP user names (one a line)' }).click();
  await page.keyboard.type('anna');
  await page.keyboard.press('Escape');
  await expect(row(page, 0).getByRole('button', { name: /^Available\b/ })).toHaveAccessibleName(
    'Available: anna',
  );
  await expect(row(page, 1).getByRole('button', { name: /^Type\b/ })).toHaveAccessibleName('Type');
});
