import type { HandlerInput, HandlerOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { NetworkView } from '../../../shared/contract/network';
import { networkSettingsErrors, type NetworkSettings } from '../../../shared/settings/network';
import { NETWORK_PROXY_PASSWORD_ACCOUNT } from '../keychain/entry-names';
import { commitWithSecrets } from '../keychain/secret-transaction';
import { KEYCHAIN_LOCKED_MESSAGE, type SecretVault } from '../keychain/secret-vault';
import type { AppProxySettingSource } from '../network/proxy-setting';
import {
  TRUST_STORE_TEXT,
  describeProxySetting,
  type SystemProxyKind,
} from '../network/proxy/proxy-summary';

/** The `network` section of the settings file; the defaults until it is first saved. */
export interface NetworkSettingsStore {
  getNetwork(): NetworkSettings;
  /** Throws (AppError 'storage-failed') when the file cannot be written; nothing changes then. */
  setNetwork(settings: NetworkSettings): void;
}

export type NetworkSettingsSaveInput = HandlerInput<'network.save'>;
export type NetworkSettingsSaveResult = HandlerOutput<'network.save'>;

export interface NetworkSettingsService {
  /** The form, whether a proxy password is stored (never the password), and where the proxy comes from. */
  load(): Promise<NetworkView>;
  /** Validates again (main never trusts the UI), then writes the password and the form together or not at all. */
  save(input: NetworkSettingsSaveInput): Promise<NetworkSettingsSaveResult>;
  /** The setting in force for the network seam, read afresh on each call so a Save applies at once. */
  current: AppProxySettingSource;
}

interface Deps {
  store: NetworkSettingsStore;
  vault: SecretVault;
  /** Where "the system's proxy settings" come from: Chromium in Electron, the environment in the browser host. */
  kind: SystemProxyKind;
}

/** Said while the browser host follows the system, whose proxy it cannot ask the way Chromium can. */
export const ENVIRONMENT_PROXY_NOTICE =
  "In the browser host, the system's proxy settings are read from the HTTPS_PROXY, HTTP_PROXY and NO_PROXY environment variables of the process that started it.";

export function createNetworkSettingsService({ store, vault, kind }: Deps): NetworkSettingsService {
  /**
   * Without a keychain the screen still opens: the password shows as not set and the cause is
   * shown (every time, since it is not a one-time event); saving a password then fails with it.
   */
  const passwordSetOrNone = async (notices: string[]): Promise<boolean> => {
    try {
      return await vault.isSet(NETWORK_PROXY_PASSWORD_ACCOUNT);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notices.push(error.message);
      return false;
    }
  };

  const load = async (): Promise<NetworkView> => {
    const settings = store.getNetwork();
    const notices: string[] = [];
    const passwordSet = await passwordSetOrNone(notices);
    if (await vault.locked?.()) notices.push(KEYCHAIN_LOCKED_MESSAGE);
    if (settings.proxy === 'system' && kind === 'environment')
      notices.push(ENVIRONMENT_PROXY_NOTICE);
    return {
      settings,
      passwordSet,
      source: describeProxySetting(settings, kind),
      trustStore: TRUST_STORE_TEXT,
      notices,
    };
  };

  return {
    load,
    save: async ({ form, password }) => {
      const errors = networkSettingsErrors(form);
      if (errors.length > 0) return { status: 'invalid', errors };
      const writes = password
        ? [{ account: NETWORK_PROXY_PASSWORD_ACCOUNT, change: password }]
        : [];
      await commitWithSecrets(vault, writes, () => store.setNetwork(form));
      return { status: 'saved', view: await load() };
    },
    current: async () => ({
      ...store.getNetwork(),
      // Read only when a connection goes through a proxy that asks, so a keychain fault touches
      // only those connections, and a password changed by a Save is the one used next.
      password: () => vault.read(NETWORK_PROXY_PASSWORD_ACCOUNT),
    }),
  };
}
