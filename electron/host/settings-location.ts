import os from 'node:os';
import path from 'node:path';

/** The folder name electron-store would use for this package (its name in package.json). */
export const SETTINGS_FOLDER = 'erp-mail-settings';
export const DEFAULT_KEYCHAIN_SERVICE = 'ERP Mail Settings';

/** Electron's appData folder for this platform, computed without Electron. */
const appDataDir = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string => {
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(home, '.config');
};

export interface SettingsLocation {
  settingsDir: string;
  keychainService: string;
}

/**
 * Where both hosts keep settings and secrets, so the desktop app and the browser host share them.
 * ERP_MAIL_SETTINGS_DIR and ERP_MAIL_KEYCHAIN_SERVICE override the defaults (tests use them to stay
 * isolated); an explicit folder (e.g. --settings-dir) overrides both.
 */
export function resolveSettingsLocation(
  explicitDir?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): SettingsLocation {
  return {
    settingsDir: path.resolve(
      explicitDir ||
        env.ERP_MAIL_SETTINGS_DIR ||
        path.join(appDataDir(platform, env, home), SETTINGS_FOLDER),
    ),
    keychainService: env.ERP_MAIL_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE,
  };
}
