import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettingsLocation } from './settings-location';

describe('settings location', () => {
  it('uses ~/.config/erp-mail-settings and the default keychain service on Linux', () => {
    expect(resolveSettingsLocation(undefined, {}, 'linux', '/home/ada')).toEqual({
      settingsDir: '/home/ada/.config/erp-mail-settings',
      keychainService: 'ERP Mail Settings',
    });
  });

  it('follows XDG_CONFIG_HOME like Electron does', () => {
    const { settingsDir } = resolveSettingsLocation(
      undefined,
      { XDG_CONFIG_HOME: '/x' },
      'linux',
      '/h',
    );
    expect(settingsDir).toBe('/x/erp-mail-settings');
  });

  it('uses Application Support on macOS', () => {
    const { settingsDir } = resolveSettingsLocation(undefined, {}, 'darwin', '/Users/ada');
    expect(settingsDir).toBe('/Users/ada/Library/Application Support/erp-mail-settings');
  });

  it('lets the environment override both, and an explicit folder override the environment', () => {
    const env = { ERP_MAIL_SETTINGS_DIR: '/env/dir', ERP_MAIL_KEYCHAIN_SERVICE: 'Test Service' };
    expect(resolveSettingsLocation(undefined, env, 'linux', '/h')).toEqual({
      settingsDir: '/env/dir',
      keychainService: 'Test Service',
    });
    expect(resolveSettingsLocation('rel/dir', env, 'linux', '/h').settingsDir).toBe(
      path.resolve('rel/dir'),
    );
  });
});
