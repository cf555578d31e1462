import type { Locator, Page } from '@playwright/test';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_TENANT_ID,
  DEMO_USERS,
} from '../electron/demo-tenant/seed';
import { LOWER_LIMITS_LABEL } from '../shared/demo/switches';
import { addAccount } from './fixtures/accounts-grid';
import { axeFindings, isBlocking } from './fixtures/axe';
import { expect, test } from './fixtures/demo-host';
import { screenshotPath } from './fixtures/screenshot-path';

/* FLOWS.md §12: support shows Microsoft's throttling live with the Demo tenant's switch. */

const MAILBOXES = [
  DEMO_USERS.erpService,
  DEMO_USERS.recipient,
  DEMO_USERS.mfa,
  DEMO_SHARED_MAILBOXES.orders,
  DEMO_SHARED_MAILBOXES.invoices,
];

const main = (page: Page) => page.getByRole('main');
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const rows = (page: Page) =>
  page.getByRole('grid', { name: 'E-mail accounts' }).locator('[data-row-id]');
const waitMark = (r: Locator) => r.getByRole('img', { name: /^Waiting to try again: HTTP 429/ });

/** Validate all, the rows counting down while Graph throttles them, until every row is validated. */
async function validateAllThrottled(page: Page, screenshot: string) {
  await page.getByRole('button', { name: 'Validate all' }).click();
  // The row's countdown: Graph's 429, the seconds to the next try, the bound on the total wait.
  await expect(waitMark(rows(page).first())).toBeVisible();
  await expect(
    rows(page)
      .getByText(/^Retrying in [1-3] s$/)
      .first(),
  ).toBeVisible();
  await expect(rows(page).first()).toContainText(
    /Microsoft is throttling \(HTTP 429, ApplicationThrottled\): it holds this row [1-3] s of at most 60 s/,
  );
  await page.screenshot({ path: screenshotPath(screenshot) });
  const blocking = (await axeFindings(page)).filter(isBlocking);
  expect(blocking).toEqual([]);
  const summary = page.getByRole('toolbar', { name: 'E-mail accounts' }).getByRole('status');
  await expect(summary).toHaveText(`${MAILBOXES.length} validated, 0 failed`, { timeout: 30_000 });
  await expect(rows(page).getByRole('img', { name: /^Validated: / })).toHaveCount(MAILBOXES.length);
  await expect(rows(page).getByText(/^Retrying in/)).toHaveCount(0);
}

test('Validate all with Microsoft\u2019s limits lowered: each row counts down, then every row is validated', async ({
  page,
  demo,
}) => {
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Demo tenant' }).click();
  await page.getByRole('checkbox', { name: LOWER_LIMITS_LABEL }).check();
  await expect(page.getByRole('checkbox', { name: LOWER_LIMITS_LABEL })).toBeChecked();
  expect((await demo.limits()).lowered).toBe(true);

  await page.getByRole('button', { name: 'Settings for incoming e-mail' }).click();
  await expect(main(page).getByText('Loading settings…')).toBeHidden();
  await field(page, 'Server name').fill('outlook.office365.com');
  await field(page, 'Application (client) ID').fill(CLIENT_SECRET_APP_ID);
  await field(page, 'Directory (tenant) ID').fill(DEMO_TENANT_ID);
  await field(page, 'Authentication flow').selectOption({ label: 'Client secret' });
  await field(page, 'Client secret').fill(DEMO_SECRET_VALUE);
  for (const email of MAILBOXES) await addAccount(page, { email });
  await page.getByLabel('Validate through').selectOption({ label: 'Microsoft Graph' });

  await page.setViewportSize({ width: 1400, height: 1000 });
  await validateAllThrottled(page, 'incoming-throttled-1400x1000');
  // Once more at the smaller size: the tenant's window has passed, so Graph throttles again.
  await page.setViewportSize({ width: 1280, height: 720 });
  await validateAllThrottled(page, 'incoming-throttled-1280x720');

  // The Test log says, for each mailbox, how long throttling held its check.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Procedure' }).getByRole('status')).toHaveText(
    'Saved',
  );
  await page.getByRole('navigation').getByRole('button', { name: 'Test log' }).click();
  await expect(main(page).locator('.summary').first()).toHaveText(
    /^OK! \(throttling held \d+ s\)$/,
  );
});
