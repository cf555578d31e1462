import type { Page } from '@playwright/test';
import { PROPAGATION_NORMAL } from '../renderer/check/PropagationWait';
import { axeFindings, isBlocking } from './fixtures/axe';
import { checkDialog, expect, openCheckDialog, test } from './fixtures/demo-host';
import { screenshotPath } from './fixtures/screenshot-path';
import { azureStep } from './fixtures/walkthrough-page';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });
const tenantNote = (page: Page, n: number) =>
  azureStep(page, n).locator('.tenant-step').getByRole('status');
const COUNTDOWN = /at most (\d+) s left of (\d+) s/;

/** The seconds the steady countdown shows now (NaN once it is gone, which fails the reads). */
async function secondsLeft(page: Page): Promise<number> {
  const [text = ''] = await checkDialog(page)
    .locator('.propagation-wait-countdown')
    .allInnerTexts();
  return Number(COUNTDOWN.exec(text)?.[1]);
}

test('after a consent change the Test counts down the whole wait, steadily, and says it is normal @screenshots', async ({
  host: _host,
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  // The tenant's own propagation (30 s) spans the retries of the whole 35 s wait.
  await nav(page, 'Setup walkthrough').click();
  await azureStep(page, 14).getByRole('button', { name: 'Break step 14' }).click();
  await expect(tenantNote(page, 14)).toContainText('Broke step 14:');
  await azureStep(page, 14).getByRole('button', { name: 'Fix step 14' }).click();
  await expect(tenantNote(page, 14)).toContainText('Fixed step 14:');

  await nav(page, 'System settings').click();
  await openCheckDialog(page);
  await checkDialog(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(checkDialog(page).locator('.propagation-wait-countdown')).toContainText(
    /^Waiting for the change to reach Microsoft 365: at most \d+ s left of 35 s/,
    { timeout: 15_000 },
  );
  await expect(checkDialog(page)).toContainText(PROPAGATION_NORMAL);

  // Read through the first retry and into the second wait: the figure only ever goes down.
  const reads = [await secondsLeft(page)];
  await page.screenshot({ path: screenshotPath('check-retry-countdown-1400x1000') });
  for (let i = 0; i < 6; i += 1) {
    await page.waitForTimeout(1_200);
    reads.push(await secondsLeft(page));
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('check-retry-countdown-1280x720') });
  for (let i = 1; i < reads.length; i += 1) expect(reads[i]!).toBeLessThanOrEqual(reads[i - 1]!);
  expect(reads.at(-1)!).toBeLessThan(reads[0]!);
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
});
