import { DEMO_BADGE, MICROSOFT365_BADGE } from '../shared/contract/environment';
import { expect, test } from './fixtures/browser-host';

test('the badge shows the environment on every screen; Microsoft 365 is confirmed first', async ({
  host,
  page,
}) => {
  const badge = page.getByRole('note', { name: 'Current environment' });
  const environment = page.getByLabel('Environment', { exact: true });
  await expect(badge).toHaveText(DEMO_BADGE);
  await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
  await expect(badge).toHaveText(DEMO_BADGE);

  await environment.selectOption({ label: 'Microsoft 365' });
  const confirm = page.getByRole('dialog', { name: 'Use Microsoft 365?' });
  await expect(confirm).toContainText('real e-mail');
  await confirm.getByRole('button', { name: 'Stay on Demo tenant' }).click();
  await expect(environment).toHaveValue('demo');
  await expect(badge).toHaveText(DEMO_BADGE);

  await environment.selectOption({ label: 'Microsoft 365' });
  await confirm.getByRole('button', { name: 'Use Microsoft 365', exact: true }).click();
  await expect(badge).toHaveText(MICROSOFT365_BADGE);
  await expect(environment).toHaveValue('microsoft365');

  // The choice is a setting: it survives a restart.
  await host.restart();
  await expect(page.getByRole('note', { name: 'Current environment' })).toHaveText(
    MICROSOFT365_BADGE,
  );
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Demo tenant' });
  await expect(page.getByRole('note', { name: 'Current environment' })).toHaveText(DEMO_BADGE);
});
