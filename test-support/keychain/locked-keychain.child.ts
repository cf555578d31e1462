/**
 * Run by locked-keychain.integration.test.ts inside its own private keyring, in child processes
 * so that a crash in the native keychain module shows as an exit code and the lock touches no
 * other test. The real app is composed on ERP_MAIL_SETTINGS_DIR / ERP_MAIL_KEYCHAIN_SERVICE; it
 * stores secrets, the keyring is locked through the Secret Service, every path that needs a secret
 * is tried, then the keyring is unlocked and the same app loads, tests and reads the secrets back.
 * What the app answered goes to the file named by the argument, as JSON.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { DEMO_USERS } from '../../electron/demo-tenant/seed';
import { createKeychainVault } from '../../electron/services/keychain/secret-vault';
import { toSystemSettingsForm, type SystemSettings } from '../../shared/settings/system-settings';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettings,
} from '../../shared/settings/incoming-settings';
import { LOCKED_ROW_ID, LOCKED_ROW_PASSWORD } from './locked-row';
import { lockKeychain, unlockPrivateKeyring } from './secret-service';
import { childApp } from './child-app';

const { app, keychainService, dispatch } = childApp();
const value = <T>(result: { ok: boolean; value?: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value as T;
};

const row = {
  ...newIncomingAccount(LOCKED_ROW_ID),
  email: 'orders@example.com',
  userName: 'orders@example.com',
  types: ['crm' as const],
};
const incomingForm = {
  ...toIncomingSettingsForm({ ...defaultIncomingSettings, service: 'imap' }, 'en-US'),
  serverName: 'imap.example.com',
  port: '993',
  accounts: [row],
};

const checkInput = async () => {
  const system = value<{ settings: SystemSettings }>(await dispatch('systemSettings.load', {}));
  return {
    runId: randomUUID(),
    form: toSystemSettingsForm(system.settings),
    secrets: {},
    dialog: {
      emailMethod: system.settings.emailMethod,
      recipient: DEMO_USERS.recipient,
      sender: DEMO_USERS.erpService,
      userName: DEMO_USERS.erpService,
    },
  };
};

async function lockedPhase() {
  // The Demo setup stores row 13's password; one IMAP row's password is saved next to it.
  const check = await checkInput();
  const rowPassword = {
    passwords: { [row.id]: { action: 'set' as const, value: LOCKED_ROW_PASSWORD } },
  };
  value(await dispatch('incomingSettings.save', { form: incomingForm, secrets: rowPassword }));
  await lockKeychain();
  const answers = {
    systemLoad: await dispatch('systemSettings.load', {}),
    systemSaveValues: await dispatch('systemSettings.save', { form: check.form, secrets: {} }),
    systemSaveSecret: await dispatch('systemSettings.save', {
      form: check.form,
      secrets: { smtpPassword: { action: 'set', value: 'new-smtp-password' } },
    }),
    incomingLoad: await dispatch('incomingSettings.load', {}),
    incomingSaveRows: await dispatch('incomingSettings.save', { form: incomingForm, secrets: {} }),
    incomingSaveNoRows: await dispatch('incomingSettings.save', {
      form: { ...incomingForm, accounts: [] },
      secrets: {},
    }),
    check: await dispatch('check.run', check),
    validate: await dispatch('incoming.validate', {
      runId: randomUUID(),
      form: incomingForm,
      secrets: {},
      accountIds: [row.id],
    }),
  };
  await unlockPrivateKeyring();
  return answers;
}

async function unlockedPhase() {
  const vault = createKeychainVault({ service: keychainService });
  const incoming = value<{ settings: IncomingSettings }>(
    await dispatch('incomingSettings.load', {}),
  );
  return {
    systemLoad: await dispatch('systemSettings.load', {}),
    incomingLoad: await dispatch('incomingSettings.load', {}),
    rows: incoming.settings.accounts.map((a) => a.id),
    // Every secret still in the keychain (under the versioned entries the settings file names).
    secrets: await Promise.all((await vault.accounts('')).map((entry) => vault.read(entry))),
    check: await dispatch('check.run', await checkInput()),
  };
}

const locked = await lockedPhase();
const unlocked = await unlockedPhase();
await app.close();
await writeFile(process.argv[2] ?? '', JSON.stringify({ locked, unlocked }));
