import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import type { Environment } from '../shared/contract/environment';
import { axeFindings, isBlocking, type AxeFinding } from './fixtures/axe';
import { expect, test } from './fixtures/browser-host';

const main = (page: Page) => page.getByRole('main');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Procedures' });
const grid = (page: Page) => page.getByRole('grid', { name: 'E-mail accounts' });
const firstRow = (page: Page): Locator => grid(page).locator('[data-row-id]').first();

/** Every finding of one screen state, under the state's name. */
type Audit = Map<string, AxeFinding[]>;

async function audit(page: Page, found: Audit, state: string): Promise<void> {
  found.set(state, await axeFindings(page));
}

async function openProcedure(page: Page, title: string): Promise<void> {
  await nav(page).getByRole('button', { name: title, exact: true }).click();
  await expect(main(page).getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function auditSystemSettings(page: Page, found: Audit): Promise<void> {
  await openProcedure(page, 'System settings');
  await expect(main(page).getByLabel('E-mail method', { exact: true })).toBeVisible();
  await audit(page, found, 'System settings');

  await page.getByRole('button', { name: 'About E-mail method', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'E-mail method' })).toBeVisible();
  await audit(page, found, 'System settings, help popover');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Check e-mail settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Check e-mail settings' })).toBeVisible();
  await audit(page, found, 'Check e-mail settings');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // An edit that leaves an error: the errors panel opened, then the unsaved-changes guard.
  await main(page).getByLabel('Application (client) ID', { exact: true }).fill('not a guid');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Errors' })).toBeVisible();
  await audit(page, found, 'System settings, errors panel open');
  await nav(page).getByRole('button', { name: 'Test log', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Unsaved changes' })).toBeVisible();
  await audit(page, found, 'Unsaved changes');
  await page.getByRole('button', { name: 'Stay' }).click();
  await page.getByRole('button', { name: 'Revert' }).click();
}

async function auditIncomingMail(page: Page, found: Audit): Promise<void> {
  await openProcedure(page, 'Settings for incoming e-mail');
  await audit(page, found, 'Settings for incoming e-mail');
  await page.keyboard.press('F5');
  await expect(firstRow(page).getByLabel('E-mail', { exact: true })).toBeFocused();
  await page.keyboard.type('a@contoso.com');
  await audit(page, found, 'Settings for incoming e-mail, a row');
  for (const column of ['Type', 'Available']) {
    await firstRow(page)
      .getByRole('button', { name: new RegExp(`^${column}\\b`) })
      .click();
    await expect(firstRow(page).getByRole('dialog', { name: column })).toBeVisible();
    await audit(page, found, `Settings for incoming e-mail, ${column} popover`);
    await page.keyboard.press('Escape');
  }
  await page.getByRole('button', { name: 'Revert' }).click();
}

async function auditNetwork(page: Page, found: Audit): Promise<void> {
  await openProcedure(page, 'Network');
  await expect(main(page).getByLabel('Proxy', { exact: true })).toBeVisible();
  await audit(page, found, 'Network');
  await main(page).getByLabel('Proxy', { exact: true }).selectOption({ label: 'Manual' });
  await main(page).getByLabel('Proxy address', { exact: true }).fill('proxy.corp.example');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Errors' })).toBeVisible();
  await audit(page, found, 'Network, Manual with an error');
  await page.getByRole('button', { name: 'Revert' }).click();
}

async function auditEverything(page: Page, environment: Environment): Promise<Audit> {
  const found: Audit = new Map();
  await expect(page.getByRole('note', { name: 'Current environment' })).toBeVisible();
  await auditSystemSettings(page, found);
  await auditIncomingMail(page, found);
  await openProcedure(page, 'Setup walkthrough');
  await audit(page, found, 'Setup walkthrough');
  await openProcedure(page, 'Test log');
  await audit(page, found, 'Test log');
  await auditNetwork(page, found);
  if (environment === 'demo') {
    await openProcedure(page, 'Demo tenant');
    await audit(page, found, 'Demo tenant');
    await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Microsoft 365' });
    await expect(page.getByRole('dialog', { name: 'Use Microsoft 365?' })).toBeVisible();
    await audit(page, found, 'Use Microsoft 365?');
    await page.getByRole('button', { name: 'Stay on Demo tenant' }).click();
  }
  return found;
}

/** One line per finding, for the test's failure message and the figures in the note. */
const report = (found: Audit, environment: Environment): string =>
  [...found]
    .flatMap(([state, findings]) =>
      findings.map(
        (f) =>
          `${environment} | ${state} | ${f.impact} ${f.rule} ${f.targets.join(' ')}: ${f.summary}`,
      ),
    )
    .join('\n');

for (const environment of ['demo', 'microsoft365'] as const) {
  test.describe(`in ${environment === 'demo' ? 'Demo' : 'Microsoft 365'}`, () => {
    test.use({ startEnvironment: environment });

    test('axe finds nothing serious or critical on any procedure, dialog or popover', async ({
      host: _host,
      page,
    }) => {
      // A dozen axe runs; on a loaded 2-core machine each takes seconds.
      test.setTimeout(240_000);
      const found = await auditEverything(page, environment);
      const all = report(found, environment);
      await writeFile(test.info().outputPath('axe.txt'), `${all}\n`);
      const blocking = [...found.values()].flat().filter(isBlocking);
      expect(blocking, all).toEqual([]);
    });
  });
}
