import { composeApp } from '../../electron/host/compose';
import { createDispatch } from '../../electron/host/dispatch';

/**
 * The real app as a keychain test's child process runs it: composed on the settings folder and
 * keychain service its parent names in ERP_MAIL_SETTINGS_DIR / ERP_MAIL_KEYCHAIN_SERVICE, called
 * through the one dispatch both hosts use.
 */
export function childApp() {
  const keychainService = process.env.ERP_MAIL_KEYCHAIN_SERVICE ?? '';
  const app = composeApp({
    settingsDir: process.env.ERP_MAIL_SETTINGS_DIR ?? '',
    keychainService,
    transport: 'browser',
  });
  return { app, keychainService, dispatch: createDispatch(app.handlers) };
}
