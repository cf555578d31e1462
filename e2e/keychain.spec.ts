import type { Page } from '@playwright/test';
import { DEMO_USERS } from '../electron/demo-tenant/seed';
import { KEYCHAIN_LOCKED_MESSAGE } from '../electron/services/keychain/secret-vault';
import { diagnosisTable } from '../shared/diagnosis/table';
import { SECRET_MASK } from '../shared/settings/secrets';
import { lockKeychain, unlockPrivateKeyring } from '../test-support/keychain/secret-service';
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
import { screenshotPath as shot } from './fixtures/screenshot-path';

const field = (page: Page, label: string) =>
  page.getByRole('main').getByLabel(label, { exact: true });
const lockedBanner = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'The keychain is locked' });

// The Demo setup stored row 13's password; then the keyring is locked as a screen locker does.
test('a locked keychain: the banner names it, secrets still show as stored, Test says why, nothing is lost', async ({
  host,
  page,
}) => {
  await expect(field(page, 'User name (Exchange)')).toHaveValue(DEMO_USERS.erpService);
  await lockKeychain();
  try {
    await page.reload();
    await expect(lockedBanner(page)).toHaveText(KEYCHAIN_LOCKED_MESSAGE + 'Dismiss');
    await expect(field(page, 'Password (Exchange)')).toHaveValue(SECRET_MASK);
    await page.screenshot({ path: shot('keychain-locked') });

    await openCheckDialog(page);
    await expect(dialogField(page, 'Password (Exchange)')).toHaveValue(SECRET_MASK);
    await runTest(page);
    const entry = diagnosisTable.find((e) => e.id === 'keychain-locked');
    await expect(firstResultLine(page)).toHaveText('Failed: Validate settings');
    await expect(resultBox(page)).toContainText('Code: keychain: locked');
    await expect(resultBox(page)).toContainText(`Meaning: ${entry?.meaning}`);
    await expect(resultBox(page)).toContainText(`Fix: ${entry?.fix}`);
    await expect(resultBox(page)).not.toContainText('missing');
    await page.screenshot({ path: shot('check-keychain-locked') });
    await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
    expect(host.url).toContain('#token=');
  } finally {
    await unlockPrivateKeyring();
  }

  // The same host, not restarted: unlocked, the banner is gone and the demo Test says OK!.
  await page.reload();
  await expect(field(page, 'User name (Exchange)')).toHaveValue(DEMO_USERS.erpService);
  await expect(lockedBanner(page)).toHaveCount(0);
  await openCheckDialog(page);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
});
