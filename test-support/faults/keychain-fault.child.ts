/**
 * Run by fault-matrix.integration.test.ts in child processes: libsecret keeps its D-Bus
 * connection for the life of a process, so only a fresh one sees a keychain taken away, and a
 * crash of the native module shows as an exit code. The real app is composed on
 * ERP_MAIL_SETTINGS_DIR / ERP_MAIL_KEYCHAIN_SERVICE; what it answered goes, as JSON, to the file
 * named by the second argument. Modes:
 * - store: saves System settings with a value and the SMTP password (OLD_SECRET);
 * - use: what a user does next (load, save a new value and secret, Test), on whatever keychain
 *   the process finds (none, when the test takes D-Bus away);
 * - read: every secret under the service, and the saved settings, as a restarted app sees them;
 * - locked: store, then the Secret Service's Lock, then use, then unlock, then read (one process,
 *   inside a private keyring of its own so no other test sees the lock).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { DEMO_USERS } from '../../electron/demo-tenant/seed';
import { createKeychainVault } from '../../electron/services/keychain/secret-vault';
import { toSystemSettingsForm, type SystemSettings } from '../../shared/settings/system-settings';
import { lockKeychain, unlockPrivateKeyring } from '../keychain/secret-service';
import { FAULT_NEW_SECRET, FAULT_OLD_SECRET } from './keychain-fault-secrets';
import { childApp } from '../keychain/child-app';

const [mode = '', out = ''] = process.argv.slice(2);
const { app, keychainService, dispatch } = childApp();

const saved = async (): Promise<SystemSettings> => {
  const result = await dispatch('systemSettings.load', {});
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result.value as { settings: SystemSettings }).settings;
};

const save = async (backupWarningDays: number, smtpPassword: string) =>
  dispatch('systemSettings.save', {
    form: toSystemSettingsForm({ ...(await saved()), backupWarningDays }),
    secrets: { smtpPassword: { action: 'set', value: smtpPassword } },
  });

const store = () => save(5, FAULT_OLD_SECRET);

const use = async () => ({
  load: await dispatch('systemSettings.load', {}),
  save: await save(9, FAULT_NEW_SECRET),
  check: await dispatch('check.run', {
    runId: randomUUID(),
    form: toSystemSettingsForm(await saved()),
    secrets: {},
    dialog: {
      emailMethod: 'exchange-online',
      recipient: DEMO_USERS.recipient,
      sender: DEMO_USERS.erpService,
      userName: DEMO_USERS.erpService,
    },
  }),
});

const read = async () => {
  const vault = createKeychainVault({ service: keychainService });
  return {
    backupWarningDays: (await saved()).backupWarningDays,
    secrets: await Promise.all((await vault.accounts('')).map((entry) => vault.read(entry))),
  };
};

const modes: Record<string, () => Promise<unknown>> = {
  store,
  use,
  read,
  locked: async () => {
    await store();
    await lockKeychain();
    const answers = await use();
    await unlockPrivateKeyring();
    return { ...answers, after: await read() };
  },
};

const run = modes[mode];
if (!run) throw new Error(`Unknown mode ${mode}`);
const answers = await run();
await app.close();
await writeFile(out, JSON.stringify(answers));
