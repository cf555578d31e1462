import { DEMO_PASSWORD, DEMO_USERS, demoSeedIds } from '../../demo-tenant/seed';
import type { EnvironmentView } from '../../../shared/contract/environment';
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

/** Rows 12, 13, 21, 22, 23 set for the seeded User name/Password app, so a first Test gives OK!. */
export async function prefillDemo(store: SettingsStore, vault: SecretVault): Promise<void> {
  const section = store.getEnvironment();
  if (section.name !== 'demo' || section.demoPrefilled) return;
  const seed = demoSeedIds();
  // The keychain first: without it the prefill cannot work, so it is left for the next start.
  // A password already in the keychain is the user's own and is never overwritten.
  const account = systemSecretAccount('exchangePassword');
  if (!(await vault.isSet(account))) await vault.set(account, DEMO_PASSWORD);
  store.setSystem({
    ...store.getSystem(),
    exchangeUserName: DEMO_USERS.erpService,
    clientId: seed.apps.ropc,
    tenantId: seed.tenantId,
    authFlow: 'password',
  });
  store.setEnvironment({ ...section, demoPrefilled: true });
}

/** The demo's names the UI offers (tenant, domain, sender, recipient, mailboxes). */
export const demoView = (): EnvironmentView['demo'] => {
  const seed = demoSeedIds();
  return {
    tenantId: seed.tenantId,
    domain: seed.domain,
    sender: DEMO_USERS.erpService,
    recipient: DEMO_USERS.recipient,
    mailboxes: seed.mailboxes.map((m) => m.address),
  };
};
