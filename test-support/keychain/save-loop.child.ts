/**
 * Run by crash-safe-save.integration.test.ts, which kills it with SIGKILL at a random moment: the
 * real app on ERP_MAIL_SETTINGS_DIR / ERP_MAIL_KEYCHAIN_SERVICE saving System settings over and
 * over, each save changing a value (Number of days, row 10) and a secret (Password (Exchange),
 * row 13) together: days n goes with password `pw-n`. Prints "saved n" after each save.
 */
import { composeApp } from '../../electron/host/compose';
import { createDispatch } from '../../electron/host/dispatch';
import { toSystemSettingsForm, type SystemSettings } from '../../shared/settings/system-settings';

const app = composeApp({
  settingsDir: process.env.ERP_MAIL_SETTINGS_DIR ?? '',
  keychainService: process.env.ERP_MAIL_KEYCHAIN_SERVICE ?? '',
  transport: 'browser',
});
const dispatch = createDispatch(app.handlers);

for (;;) {
  const loaded = await dispatch('systemSettings.load', {});
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const { settings } = loaded.value as { settings: SystemSettings };
  let days = settings.backupWarningDays;
  while (days === settings.backupWarningDays) days = 1 + Math.floor(Math.random() * 365);
  const saved = await dispatch('systemSettings.save', {
    form: toSystemSettingsForm({ ...settings, backupWarningDays: days }),
    secrets: { exchangePassword: { action: 'set', value: `pw-${days}` } },
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  process.stdout.write(`saved ${days}\n`);
}
