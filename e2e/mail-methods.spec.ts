import { DEMO_USERS } from '../electron/demo-tenant/seed';
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

test('Client based composes the test message as a mailto: link and sends nothing', async ({
  host: _host,
  page,
  demo,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openCheckDialog(page);
  await dialogField(page, 'E-mail method').selectOption({ label: 'Client based (e.g. Outlook)' });
  await expect(dialogField(page, 'User name (Exchange)')).toBeDisabled();
  await expect(checkDialog(page).getByText('Not used: the mail client sends')).toBeVisible();
  await demo.resetCounters();
  await runTest(page);

  await expect(firstResultLine(page)).toHaveText('Composed');
  await expect(resultBox(page)).toContainText('Nothing else can be checked from here');
  const link = checkDialog(page).getByRole('link', {
    name: 'Open the test message in your mail client',
  });
  const href = new URL((await link.getAttribute('href')) ?? '');
  expect(href.protocol).toBe('mailto:');
  expect(href.pathname).toBe(DEMO_USERS.recipient);
  expect(href.searchParams.get('subject')).toMatch(/^ERP Mail Settings: test message, /);
  expect(href.searchParams.get('body')).toContain(`Sender: ${DEMO_USERS.erpService}`);
  expect(await demo.requestCounts()).toMatchObject({ token: 0, ews: 0 });
  await page.screenshot({ path: shot('check-client-based') });
});
