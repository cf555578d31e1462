import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const panel = (page: Page) => page.getByRole('region', { name: 'Errors' });

test.use({ startEnvironment: 'microsoft365' });

test('the errors panel is there from the start, as in the guide: "2 errors" once Exchange Online is chosen', async ({
  host: _host,
  page,
}) => {
  await expect(field(page, 'E-mail method')).toHaveValue('exchange-online');
  await expect(panel(page).getByRole('button', { name: '2 errors' })).toBeVisible();

  await field(page, 'E-mail method').selectOption({ label: 'Client based (e.g. Outlook)' });
  await expect(panel(page)).toHaveCount(0);
  await field(page, 'E-mail method').selectOption({
    label: 'Server based, via Microsoft Exchange Online',
  });
  await panel(page).getByRole('button', { name: '2 errors' }).click();
  await expect(panel(page).getByRole('listitem')).toHaveText([
    /Application \(client\) ID\s*Application \(client\) ID is missing/,
    /Directory \(tenant\) ID\s*Directory \(tenant\) ID is missing/,
  ]);
  // Clicking a line puts the cursor in its field.
  await panel(page)
    .getByRole('button', { name: /Directory \(tenant\) ID is missing/ })
    .click();
  await expect(field(page, 'Directory (tenant) ID')).toBeFocused();
});

test('a 5,000-character User name (Exchange) is named by its field, and a huge grid address by its row from 1', async ({
  host,
  page,
}) => {
  await field(page, 'Application (client) ID').fill('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  await field(page, 'Directory (tenant) ID').fill('contoso.onmicrosoft.com');
  await field(page, 'User name (Exchange)').fill('x'.repeat(5000));
  await field(page, 'User name (Exchange)').blur();
  const tooLong = 'Too long: at most 320 characters (5000 typed); shorten it';
  await expect(page.getByRole('main').getByText(tooLong).first()).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel(page).getByRole('listitem')).toHaveText([`User name (Exchange)${tooLong}`]);
  await expect(page.getByText(/was not valid|form\./)).toHaveCount(0);
  expect(JSON.stringify(await host.settingsFiles())).not.toContain('x'.repeat(400));
  await page.getByRole('button', { name: 'Revert' }).click();

  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  for (const address of ['a@contoso.com', 'b@contoso.com', `${'c'.repeat(400)}@contoso.com`]) {
    await page.getByRole('button', { name: 'Add row' }).click();
    await page.keyboard.type(address);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel(page)).toContainText(
    'E-mail (row 3)Too long: at most 320 characters (412 typed)',
  );
  await expect(page.getByText(/was not valid|form\./)).toHaveCount(0);
});
