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
