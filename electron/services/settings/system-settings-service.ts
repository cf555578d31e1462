import { AppError } from '../../../shared/contract/errors';
import type { SystemSettingsView } from '../../../shared/contract/settings';
import {
  systemSecretKeys,
  validateSystemSettings,
  type SystemSecretChanges,
  type SystemSecretPresence,
} from '../../../shared/settings/system-settings';

import type { SecretVault } from '../keychain/secret-vault';
import { commitWithSecrets, type SecretWrite } from '../keychain/secret-transaction';
import { systemSecretAccount } from '../keychain/entry-names';
import { KEYCHAIN_LOCKED_MESSAGE } from '../keychain/secret-vault';
import type { SettingsStore } from './settings-store';
import type { HandlerInput, HandlerOutput } from '../../../shared/contract';

export type SystemSettingsSaveInput = HandlerInput<'systemSettings.save'>;
export type SystemSettingsSaveResult = HandlerOutput<'systemSettings.save'>;

export interface SystemSettingsService {
  load(): Promise<SystemSettingsView>;
  /** Validates again (main never trusts the UI), then writes secrets and values together or not at all. */
  save(input: SystemSettingsSaveInput): Promise<SystemSettingsSaveResult>;
}

/** Which System secrets the keychain holds; throws its AppError when it cannot say. */
export async function systemSecretPresence(
  vault: Pick<SecretVault, 'isSet'>,
): Promise<SystemSecretPresence> {
  const flags = await Promise.all(
    systemSecretKeys.map((key) => vault.isSet(systemSecretAccount(key))),
  );
  return Object.fromEntries(
    systemSecretKeys.map((key, i) => [key, flags[i]]),
  ) as SystemSecretPresence;
}

interface Deps {
  store: SettingsStore;
  vault: SecretVault;
}

/** The keychain writes a save makes, in a fixed order. */
const secretWrites = (changes: SystemSecretChanges): SecretWrite[] =>
  systemSecretKeys.flatMap((key) => {
    const change = changes[key];
    return change ? [{ account: systemSecretAccount(key), change }] : [];
  });

export function createSystemSettingsService({ store, vault }: Deps): SystemSettingsService {
  /**
   * Without a keychain the screen still opens: secrets show as not set and the cause is shown
   * (every time, since it is not a one-time event); saving a secret then fails with that cause.
   */
  const presenceOrNone = async (notices: string[]): Promise<SystemSecretPresence> => {
    try {
      return await systemSecretPresence(vault);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notices.push(error.message);
      return Object.fromEntries(
        systemSecretKeys.map((key) => [key, false]),
      ) as SystemSecretPresence;
    }
  };

  const load = async (): Promise<SystemSettingsView> => {
    const notices = store.takeNotices();
    const secretsSet = await presenceOrNone(notices);
    if (await vault.locked?.()) notices.push(KEYCHAIN_LOCKED_MESSAGE);
    return { settings: store.getSystem(), secretsSet, notices };
  };

  return {
    load,
    save: async ({ form, secrets }) => {
      // The UI validated against the flags load() gave it; main checks against the same ones.
      const stored = await presenceOrNone([]);
      const { errors, settings } = validateSystemSettings(form, stored, secrets);
      if (!settings) return { status: 'invalid', errors };

      await commitWithSecrets(vault, secretWrites(secrets), () => store.setSystem(settings));
      return { status: 'saved', view: await load() };
    },
  };
}
