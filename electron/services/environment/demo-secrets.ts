import { DEMO_PASSWORD, DEMO_USERS, demoSeedIds } from '../../demo-tenant/seed';
import type { SecretVault } from '../keychain/secret-vault';
import type { SettingsStore } from '../settings/settings-store';
import { systemSecretAccount } from '../keychain/entry-names';

/** Shown once in System settings after the demo's password was put back. */
export const DEMO_SECRET_RESTORED =
  'The Demo tenant’s password (row 13, Password (Exchange)) was not in the keychain, which is new or was reset (a headless start uses a fresh private keyring each time), so it was stored again. A password you store yourself is never replaced.';

/**
 * On a start after the first, in Demo: the demo's password is stored again when the keychain no
 * longer has it while rows 12 and 21 are still the demo's, so the demo's Test says OK! instead of
 * "missing". A password in the keychain is never overwritten; it says so once (a notice).
 */
export async function restoreDemoSecrets(store: SettingsStore, vault: SecretVault): Promise<void> {
  const section = store.getEnvironment();
  if (section.name !== 'demo' || !section.demoPrefilled) return;
  const system = store.getSystem();
  const stillTheDemos =
    system.exchangeUserName === DEMO_USERS.erpService &&
    system.clientId === demoSeedIds().apps.ropc;
  const account = systemSecretAccount('exchangePassword');
  if (!stillTheDemos || (await vault.isSet(account))) return;
  await vault.set(account, DEMO_PASSWORD);
  store.notify(DEMO_SECRET_RESTORED);
}
