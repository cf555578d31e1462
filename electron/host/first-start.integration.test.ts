import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, DEMO_USERS, ROPC_APP_ID } from '../demo-tenant/seed';
import { DEMO_SECRET_RESTORED } from '../services/environment/demo-prefill';
import { createKeychainVault } from '../services/keychain/secret-vault';
import { defaultSystemSettings, toSystemSettingsForm } from '../../shared/settings/system-settings';
import { composeApp } from './compose';
import { createDispatch } from './dispatch';

/*
 * Fresh starts of the real app in Demo on the real keychain (GNOME Keyring under `npm test`):
 * a Test sent the moment the app is up, before the Demo setup has stored row 13's password, and
 * a second start whose keychain is new, as a headless `npm start` gets a fresh private keyring.
 */

const dirs: string[] = [];
const services: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  for (const service of services) {
    const vault = createKeychainVault({ service });
    for (const entry of await vault.accounts('')) await vault.clear(entry);
  }
});

const newDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'first-start-'));
  dirs.push(dir);
  return dir;
};

const start = (settingsDir: string) => {
  const keychainService = `erp-mail-first-start-${randomUUID()}`;
  services.push(keychainService);
  const app = composeApp({ settingsDir, keychainService, transport: 'browser' });
  return { app, dispatch: createDispatch(app.handlers) };
};

/** The form as the screen shows it after the Demo setup (rows 12, 21–23), the dialog's defaults. */
const demoTest = () => ({
  runId: randomUUID(),
  form: toSystemSettingsForm({
    ...defaultSystemSettings,
    exchangeUserName: DEMO_USERS.erpService,
    clientId: ROPC_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'password',
  }),
  secrets: {},
  dialog: {
    emailMethod: 'exchange-online' as const,
    recipient: DEMO_USERS.recipient,
    sender: DEMO_USERS.erpService,
    userName: DEMO_USERS.erpService,
  },
});

const firstLine = (answer: Awaited<ReturnType<ReturnType<typeof start>['dispatch']>>) =>
  answer.ok ? (answer.value as { lines: string[] }).lines[0] : JSON.stringify(answer.error);

describe('fresh starts in Demo', () => {
  it('answers a Test sent at once with OK! on 10 fresh starts', async () => {
    const firstLines: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) {
      const { app, dispatch } = start(await newDir());
      firstLines.push(firstLine(await dispatch('check.run', demoTest())));
      await app.close();
    }
    expect(firstLines).toEqual(Array(10).fill('OK!'));
  }, 120_000);

  it('puts the demo password back on a second start with a new keychain, and says so once', async () => {
    const dir = await newDir();
    const first = start(dir);
    expect(firstLine(await first.dispatch('check.run', demoTest()))).toBe('OK!');
    await first.app.close();

    const second = start(dir);
    expect(firstLine(await second.dispatch('check.run', demoTest()))).toBe('OK!');
    const load = async () => {
      const answer = await second.dispatch('systemSettings.load', {});
      return answer.ok ? (answer.value as { notices: string[] }).notices : [];
    };
    expect(await load()).toEqual([DEMO_SECRET_RESTORED]);
    expect(await load()).toEqual([]);
    await second.app.close();
  }, 60_000);
});
