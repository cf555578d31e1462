import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import keytar from '@github/keytar';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
} from '../../electron/demo-tenant/seed';
import { systemSecretAccount } from '../../electron/services/keychain/entry-names';
import type { SettingsDocument } from '../../electron/services/settings/settings-document';
import { DEMO_BADGE } from '../../shared/contract/environment';
import { SECRET_MASK } from '../../shared/settings/secrets';
import { rehearsalWorldFromEnv, type RehearsalWorld } from '../../test-support/rehearsal/world';
import { axeFindings, isBlocking } from '../fixtures/axe';
import { test as hostTest, expect, type BrowserHost } from '../fixtures/browser-host';
import {
  checkDialog,
  dialogField,
  firstResultLine,
  openCheckDialog,
  resultBox,
  runTest,
} from '../fixtures/demo-host';
import { screenshotPath } from '../fixtures/screenshot-path';

/**
 * The Network procedure and the Check in the Microsoft 365 environment, inside the rehearsal
 * world: Microsoft's names reach the demo tenant only through the world's proxies, which the
 * host finds in its HTTPS_PROXY, trusting the CA its SSL_CERT_FILE names.
 */

const LOGIN = 'login.microsoftonline.com:443';
const EWS = 'outlook.office365.com:443';
/** How the demo tenant's CA is named (CN, then O) in the TLS column and the Result. */
const DEMO_CA = 'ERP Mail Settings demo tenant CA (throw-away) (ERP Mail Settings demo)';
const WRONG_PROXY_PASSWORD = 'not-the-proxy-password';

type ProxyCase = 'plain' | 'mitm' | 'authenticated';

/** Which of the world's proxies HTTPS_PROXY names, and which CA SSL_CERT_FILE holds. */
function proxyEnv(world: RehearsalWorld, proxyCase: ProxyCase): Record<string, string> {
  const proxy = {
    plain: world.proxies.plain,
    mitm: world.proxies.mitm,
    // Without credentials: the test gives them in Network.
    authenticated: world.proxies.authenticated.url,
  }[proxyCase];
  return {
    HTTPS_PROXY: proxy,
    SSL_CERT_FILE: world.trust.demoCaPath,
    // Only HTTPS_PROXY speaks, so the Route names it (the lower case one would come first).
    https_proxy: '',
    all_proxy: '',
    ALL_PROXY: '',
    http_proxy: '',
    HTTP_PROXY: '',
    no_proxy: '',
    NO_PROXY: '',
    npm_config_https_proxy: '',
    npm_config_proxy: '',
    npm_config_http_proxy: '',
    npm_config_no_proxy: '',
  };
}

const test = hostTest.extend<{ proxyCase: ProxyCase }>({
  proxyCase: ['plain', { option: true }],
  hostEnv: async ({ hostEnv, proxyCase }, use) =>
    use({ ...hostEnv, ...proxyEnv(rehearsalWorldFromEnv(), proxyCase) }),
});

test.use({ startEnvironment: 'microsoft365' });

const main = (page: Page) => page.getByRole('main');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Procedures' });
const field = (page: Page, label: string) => main(page).getByLabel(label, { exact: true });
const toolbarStatus = (page: Page) => page.getByRole('toolbar').getByRole('status');
const connectionsTable = (page: Page) => main(page).getByRole('table', { name: 'Connections' });
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** A Check connections row by its host, and its Route, TLS and Result cells. */
function connectionRow(page: Page, host: string) {
  const row = connectionsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: host, exact: true }) });
  const cells = row.getByRole('cell');
  return { row, route: cells.nth(0), tls: cells.nth(1), result: cells.nth(2) };
}

/** "127.0.0.1:PORT": how the Route and the diagnoses name a proxy. */
const proxyHost = (url: string) => new URL(url).host;
/** The host a diagnosis names: the name without its port. */
const hostName = (target: string) => target.replace(/:\d+$/, '');
const routeVia = (url: string) => `via ${proxyHost(url)}, from HTTPS_PROXY`;

/**
 * A returning admin's System settings: Server based, via Microsoft Exchange Online, the demo
 * tenant's ids and the Client secret flow, the secret in the keychain under its own entry name
 * (read so while the file names no versioned entry; e2e/graph.spec.ts presets its secret the same
 * way); then the host starts again on them.
 */
async function presetExchangeOnline(host: BrowserHost): Promise<void> {
  const file = path.join(host.settingsDir, 'settings.json');
  const document = JSON.parse(await readFile(file, 'utf8')) as SettingsDocument;
  expect(document.environment?.name).toBe('microsoft365');
  const system: SettingsDocument['system'] = {
    ...document.system,
    emailMethod: 'exchange-online',
    serverAddress: 'outlook.office365.com',
    port: 0,
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    backupSender: DEMO_USERS.erpService,
    exchangeUserName: DEMO_USERS.erpService,
  };
  await writeFile(file, JSON.stringify({ ...document, system }));
  await keytar.setPassword(
    host.keychainService,
    systemSecretAccount('clientSecret'),
    DEMO_SECRET_VALUE,
  );
  await host.restart();
}

/** Presses Tab until `target` has focus, as a person tabbing to it. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function openNetworkByKeyboard(page: Page): Promise<void> {
  await tabTo(page, nav(page).getByRole('button', { name: 'Network', exact: true }));
  await page.keyboard.press('Enter');
  await expect(main(page).getByRole('heading', { level: 1, name: 'Network' })).toBeVisible();
}

async function openProcedure(page: Page, title: string): Promise<void> {
  await nav(page).getByRole('button', { name: title, exact: true }).click();
  await expect(main(page).getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Presses Check connections by keyboard and waits for its table. */
async function checkConnections(page: Page): Promise<void> {
  const check = page.getByRole('button', { name: 'Check connections' });
  await check.focus();
  await page.keyboard.press('Enter');
  await expect(main(page).locator('.connections-answer')).toHaveAttribute('aria-busy', 'false', {
    timeout: 45_000,
  });
  await expect(connectionsTable(page)).toBeVisible();
  await expect(connectionsTable(page).getByRole('columnheader')).toHaveText([
    'Host',
    'Route',
    'TLS',
    'Result',
  ]);
  // The saved settings use these two hosts and no other.
  await expect(connectionsTable(page).getByRole('rowheader')).toHaveText([LOGIN, EWS]);
}

/** The Check dialog from the green icon on System settings, to the recipient, then Test. */
async function testFromCheckDialog(page: Page): Promise<void> {
  await openProcedure(page, 'System settings');
  await openCheckDialog(page);
  await expect(dialogField(page, 'E-mail method')).toHaveValue('exchange-online');
  await expect(dialogField(page, 'Sender')).toHaveValue(DEMO_USERS.erpService);
  await dialogField(page, 'Recipient').fill(DEMO_USERS.recipient);
  await runTest(page);
}

test.beforeEach(async ({ host, page }) => {
  await presetExchangeOnline(host);
  const badge = page.getByRole('note', { name: 'Current environment' });
  await expect(badge).toBeVisible();
  await expect(badge).not.toHaveText(DEMO_BADGE);
  await expect(field(page, 'E-mail method')).toHaveValue('exchange-online');
  await expect(field(page, 'Authentication flow')).toHaveValue('client-secret');
  // The keychain's secret is the one the app reads: shown as stored.
  await expect(field(page, 'Client secret')).toHaveValue(SECRET_MASK);
});

test.describe('through squid, the demo CA trusted', () => {
  test.use({ proxyCase: 'plain' });

  test('Check connections: both hosts via HTTPS_PROXY, the demo CA trusted, OK; Test gives OK! with the route; screenshots, axe', async ({
    page,
  }) => {
    const { plain } = rehearsalWorldFromEnv().proxies;
    await openNetworkByKeyboard(page);
    await expect(field(page, 'Proxy')).toHaveValue('system');
    await expect(main(page)).toContainText(`HTTPS_PROXY=${plain}`);
    await checkConnections(page);

    for (const host of [LOGIN, EWS]) {
      const row = connectionRow(page, host);
      await expect(row.route, host).toHaveText(routeVia(plain));
      await expect(row.tls, host).toContainText(`${DEMO_CA}; trusted`);
      await expect(row.result, host).toHaveText('OK');
      await expect(row.result, host).toHaveClass(/connection-ok/);
    }

    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.screenshot({
      path: screenshotPath('rehearsal-network-plain-1400x1000'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await connectionsTable(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('rehearsal-network-plain-1280x720') });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    const blocking = (await axeFindings(page)).filter(isBlocking);
    expect(blocking).toEqual([]);

    await testFromCheckDialog(page);
    const said = await resultBox(page).innerText();
    await expect(firstResultLine(page), said).toHaveText('OK!');
    await expect(resultBox(page)).toHaveClass(/tone-ok/);
    await expect(resultBox(page)).toContainText(
      `Environment: Microsoft 365; route: ${routeVia(plain)}`,
    );
    await expect(resultBox(page)).toContainText('full_access_as_app');
    await checkDialog(page).getByRole('button', { name: 'Cancel' }).click();
  });
});

test.describe('through mitmproxy, its CA not trusted', () => {
  test.use({ proxyCase: 'mitm' });

  test('Check connections names the TLS inspection and its fix; the Test fails with the same diagnosis', async ({
    page,
  }) => {
    const { mitm } = rehearsalWorldFromEnv().proxies;
    await openNetworkByKeyboard(page);
    await checkConnections(page);

    for (const host of [LOGIN, EWS]) {
      const row = connectionRow(page, host);
      await expect(row.route, host).toHaveText(routeVia(mitm));
      await expect(row.tls, host).toHaveText(/^mitmproxy.*; not trusted; inspected by mitmproxy/);
      await expect(row.result, host).toHaveClass(/connection-failed/);
      await expect(row.result, host).toContainText(
        `The connection to ${hostName(host)} is inspected: its certificate was issued by mitmproxy`,
      );
      await expect(row.result, host).toContainText('exempting Microsoft 365 endpoints from TLS');
      await expect(row.result, host).toContainText(
        "Or install mitmproxy's root certificate in this computer's certificate store",
      );
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    await connectionsTable(page).screenshot({
      path: screenshotPath('rehearsal-network-mitm-result'),
    });

    await testFromCheckDialog(page);
    const result = resultBox(page);
    await expect(firstResultLine(page)).toHaveText(/^Failed: Acquire token/);
    await expect(result).toHaveClass(/tone-failed/);
    await expect(result).toContainText(`Route: ${routeVia(mitm)}`);
    await expect(result).toContainText(
      `Meaning: The connection to ${hostName(LOGIN)} is inspected: its certificate was issued by mitmproxy`,
    );
    await expect(result).toContainText('Fix: Microsoft advises exempting Microsoft 365 endpoints');
    await checkDialog(page).screenshot({
      path: screenshotPath('rehearsal-check-mitm-result'),
    });
  });
});

test.describe('through squid asking for Basic', () => {
  test.use({ proxyCase: 'authenticated' });

  test('Check connections: 407 asks for credentials, a wrong password is refused, the right one gives OK', async ({
    host,
    page,
  }) => {
    const { url, user, password } = rehearsalWorldFromEnv().proxies.authenticated;
    const proxy = proxyHost(url);
    await openNetworkByKeyboard(page);
    await checkConnections(page);
    for (const target of [LOGIN, EWS]) {
      const row = connectionRow(page, target);
      await expect(row.route, target).toHaveText(routeVia(url));
      await expect(row.tls, target).toHaveText('—');
      await expect(row.result, target).toContainText(
        `The proxy ${proxy} asks for a user name and password (Basic) before it lets this computer reach ${target}.`,
      );
      await expect(row.result, target).toContainText('Enter Proxy user name and Proxy password');
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    await connectionsTable(page).screenshot({
      path: screenshotPath('rehearsal-network-407-result'),
    });

    // The app's user and password go with the system's proxy: Proxy stays as it is.
    await expect(field(page, 'Proxy')).toHaveValue('system');
    await field(page, 'Proxy user name').fill(user);
    await field(page, 'Proxy password').fill(WRONG_PROXY_PASSWORD);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(toolbarStatus(page)).toHaveText('Saved');
    expect(await host.keychainSecrets()).toContain(WRONG_PROXY_PASSWORD);
    await checkConnections(page);
    for (const target of [LOGIN, EWS]) {
      const row = connectionRow(page, target);
      await expect(row.route, target).toHaveText(routeVia(url));
      await expect(row.result, target).toContainText(
        `The proxy ${proxy} refused the proxy user name and password this computer sent to reach ${target}.`,
      );
    }

    await page.getByRole('button', { name: 'Change Proxy password' }).click();
    await expect(field(page, 'Proxy password')).toBeFocused();
    await page.keyboard.type(password);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(toolbarStatus(page)).toHaveText('Saved');
    await expect(field(page, 'Proxy')).toHaveValue('system');
    await checkConnections(page);
    for (const target of [LOGIN, EWS]) {
      const row = connectionRow(page, target);
      await expect(row.route, target).toHaveText(routeVia(url));
      await expect(row.tls, target).toContainText(`${DEMO_CA}; trusted`);
      await expect(row.result, target).toHaveText('OK');
    }
    for (const [name, text] of Object.entries(await host.settingsFiles())) {
      expect(text, name).not.toContain(password);
      expect(text, name).not.toContain(WRONG_PROXY_PASSWORD);
    }
  });
});
