import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';
import { testLogEntrySchema } from '../shared/contract/test-log';
import {
  JWT,
  captureApiTraffic,
  checkDialog,
  expect,
  firstResultLine,
  openCheckDialog,
  runTest,
  runTestWithPassword,
  test,
} from './fixtures/demo-host';

const WRONG_PASSWORD = 'Typed-Wrong-Passw0rd';

const openTestLog = (page: Page) =>
  page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
const entries = (page: Page) => page.locator('.test-log-entry');
const filter = (page: Page) => page.getByLabel('Result filter', { exact: true });

test('an empty Test log says so', async ({ page, host: _host }) => {
  await openTestLog(page);
  await expect(page.getByRole('heading', { name: 'Test log' })).toBeVisible();
  await expect(page.getByText('No tests have run yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeDisabled();
});

test('lists runs newest first, filters by result and exports JSON without secrets', async ({
  host,
  page,
  demo: _demo,
}) => {
  const traffic = captureApiTraffic(page);
  await openCheckDialog(page);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await runTestWithPassword(page, WRONG_PASSWORD);
  await expect(firstResultLine(page)).toHaveText(/^Failed/);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();

  await openTestLog(page);
  await expect(entries(page)).toHaveCount(2);
  const resultCell = (n: number) => entries(page).nth(n).locator('.result-cell');
  await expect(resultCell(0)).toContainText('Failed');
  await expect(resultCell(0)).toContainText('AADSTS50126');
  await expect(resultCell(1)).toHaveText('OK');
  await expect(entries(page).nth(1)).toContainText(
    `${DEMO_USERS.erpService} → ${DEMO_USERS.recipient}`,
  );
  await expect(entries(page).nth(1)).toContainText('Demo tenant');
  await expect(entries(page).nth(1)).toContainText('User name/Password');

  await entries(page)
    .nth(1)
    .getByRole('button', { name: /^Step timings of/ })
    .click();
  const timings = entries(page).nth(1).getByRole('list', { name: 'Step timings' });
  await expect(timings.getByRole('listitem')).toHaveCount(3);
  await expect(timings).toContainText('Acquire token');

  await filter(page).selectOption({ label: 'Failed' });
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page)).toContainText('AADSTS50126');
  await filter(page).selectOption({ label: 'OK' });
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page)).toContainText('OK!');

  await filter(page).selectOption({ label: 'All' });
  await expect(entries(page)).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^test-log-.*\.json$/);
  const exported = await readFile(await file.path(), 'utf8');
  const { runs } = z.object({ runs: testLogEntrySchema.array() }).parse(JSON.parse(exported));
  expect(runs.map((r) => r.ok)).toEqual([false, true]);

  const logFiles = Object.entries(await host.settingsFiles())
    .filter(([name]) => name.includes('test-log'))
    .map(([, text]) => text);
  expect(logFiles).toHaveLength(1);
  for (const text of [exported, ...logFiles, ...traffic]) {
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toMatch(JWT);
  }
});

test('Refresh shows a run made since the Test log was opened', async ({ page, demo: _demo }) => {
  await openTestLog(page);
  await expect(page.getByText('No tests have run yet.')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'System settings' }).click();
  await openCheckDialog(page);
  await runTest(page);
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await openTestLog(page);
  await expect(entries(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(entries(page)).toHaveCount(1);
});
