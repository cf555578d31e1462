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
  dialogField,
  resultBox,
  test,
} from './fixtures/demo-host';
import { axeFindings, isBlocking } from './fixtures/axe';
import { screenshotPath as shot } from './fixtures/screenshot-path';

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
    .getByRole('button', { name: /^Details of/ })
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

/** The cells of one run's line, by column header, as a person reads across the table. */
async function lineOf(page: Page, n: number): Promise<Record<string, string>> {
  const headers = await page.getByRole('columnheader').allInnerTexts();
  const cells = await entries(page)
    .nth(n)
    .getByRole('row')
    .first()
    .getByRole('cell')
    .allInnerTexts();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

test('each run says what was tested, "not used" where a part does not apply, and Client based is neither OK nor Failed', async ({
  page,
  demo: _demo,
}) => {
  // Four runs, then screenshots at two sizes: slow on a shared 2-core machine.
  test.setTimeout(60_000);
  await openCheckDialog(page);
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await dialogField(page, 'Send through').selectOption({ label: 'Microsoft Graph' });
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('OK!');
  await dialogField(page, 'E-mail method').selectOption({ label: 'Client based (e.g. Outlook)' });
  await runTest(page);
  await expect(firstResultLine(page)).toHaveText('Composed');
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();

  await openTestLog(page);
  await expect(entries(page)).toHaveCount(3);
  expect(await lineOf(page, 0)).toMatchObject({
    'E-mail method': 'Client based (e.g. Outlook)',
    API: 'not used',
    Flow: 'not used',
    Server: 'not used',
    Account: 'not used',
    Result: 'Composed in the mail client',
  });
  expect(await lineOf(page, 1)).toMatchObject({
    'E-mail method': 'Server based, via Microsoft Exchange Online',
    API: 'Microsoft Graph',
    Flow: 'User name/Password',
    Server: 'graph.microsoft.com:443',
    Account: DEMO_USERS.erpService,
    Result: 'OK',
  });
  expect(await lineOf(page, 2)).toMatchObject({
    API: 'Exchange Web Services (EWS)',
    Server: 'outlook.office365.com:443',
    Result: 'OK',
  });
  const composedColor = await entries(page)
    .nth(0)
    .locator('.result-cell')
    .evaluate((e) => getComputedStyle(e).color);
  const failedColor = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--error').trim(),
  );
  expect(composedColor).not.toBe('rgb(180, 35, 24)');
  expect(failedColor).toBe('#b42318');

  await filter(page).selectOption({ label: 'Failed' });
  await expect(page.getByText('No runs match the filter "Failed".')).toBeVisible();
  await filter(page).selectOption({ label: 'Neither (composed, cancelled, not tested)' });
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page)).toContainText('Composed in the mail client');
  await filter(page).selectOption({ label: 'All' });
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);
  for (const [width, height] of [
    [1400, 1000],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: shot(`test-log-${width}x${height}`) });
  }
});

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

test("the app's Run id and Microsoft's correlation ID stay in the Test log, the support bundle and the app log", async ({
  host,
  page,
  demo: _demo,
}) => {
  await openCheckDialog(page);
  await runTestWithPassword(page, WRONG_PASSWORD);
  const result = await resultBox(page).innerText();
  expect(result).not.toMatch(/^Correlation id:/m);
  const runId = new RegExp(`^Run id: (${UUID})`, 'm').exec(result)?.[1];
  const correlationId = new RegExp(`^Microsoft's correlation ID: (${UUID})$`, 'm').exec(
    result,
  )?.[1];
  expect(runId).toBeDefined();
  expect(correlationId).toBeDefined();
  await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();

  await openTestLog(page);
  await entries(page)
    .first()
    .getByRole('button', { name: /^Details of/ })
    .focus();
  await page.keyboard.press('Enter');
  const ids = entries(page).first().getByRole('definition');
  await expect(entries(page).first().getByRole('term')).toHaveText([
    'Run id',
    "Microsoft's correlation ID",
  ]);
  await expect(ids).toHaveText([runId!, correlationId!]);
  expect((await axeFindings(page)).filter(isBlocking)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export support bundle' }).click();
  const bundle = await readFile(await (await download).path(), 'utf8');
  const run = z
    .object({ testLog: z.object({ runs: testLogEntrySchema.array() }) })
    .parse(JSON.parse(bundle)).testLog.runs[0];
  expect(run).toMatchObject({ runId, correlationId });

  const appLog = Object.entries(await host.settingsFiles()).find(([name]) =>
    /app.*\.log$/.test(name),
  );
  expect(appLog?.[1]).toContain(`Run ${runId} ended`);
  expect(appLog?.[1]).toContain(`Microsoft's correlation ID ${correlationId}`);
});
