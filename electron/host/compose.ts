import { version } from '../../package.json';
import type { Handlers } from '../../shared/contract';
import type { AppInfo, SecretVault } from '../services/contracts';
import { createKeychainVault } from '../services/secret-vault';
import { openSettingsStore, type BackingFactory } from '../services/settings-store';
import { createSystemSettingsService } from '../services/system-settings-service';
import { createAppEventHub, type AppEventHub } from './event-hub';
import { createHandlers } from './handlers';

export const APP_NAME = 'ERP Mail Settings';

export interface ComposeOptions {
  settingsDir: string;
  keychainService: string;
  transport: AppInfo['transport'];
  /** electron-store inside Electron; conf (the store's default) elsewhere. */
  createBacking?: BackingFactory;
  /** Tests pass an in-memory vault; the app uses the OS keychain. */
  vault?: SecretVault;
}

export interface ComposedApp {
  handlers: Handlers;
  events: AppEventHub;
  appInfo: AppInfo;
}

/** Builds the real services for one settings folder and keychain service, and the handler table on them. */
export function composeApp(options: ComposeOptions): ComposedApp {
  const store = openSettingsStore({
    dir: options.settingsDir,
    createBacking: options.createBacking,
  });
  const vault = options.vault ?? createKeychainVault({ service: options.keychainService });
  const appInfo: AppInfo = {
    name: APP_NAME,
    version,
    transport: options.transport,
    settingsFile: store.path,
  };
  const systemSettings = createSystemSettingsService({ store, vault });
  return {
    handlers: createHandlers({ appInfo, systemSettings }),
    events: createAppEventHub(),
    appInfo,
  };
}
