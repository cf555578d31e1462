import type { SecretVault } from '../../electron/services/keychain/secret-vault';

/** A SecretVault held in memory, for other modules' unit tests; never used by the app. */
export function createMemorySecretVault(initial: Record<string, string> = {}): SecretVault {
  const secrets = new Map(Object.entries(initial));
  return {
    set: async (account, value) => {
      secrets.set(account, value);
    },
    clear: async (account) => {
      secrets.delete(account);
    },
    isSet: async (account) => secrets.has(account),
    read: async (account) => secrets.get(account),
    accounts: async (prefix) => [...secrets.keys()].filter((a) => a.startsWith(prefix)).sort(),
  };
}
