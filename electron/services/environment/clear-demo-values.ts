import type { DemoValues } from '../../../shared/contract/environment';
import { systemSecretKeys } from '../../../shared/settings/system-settings';
import type { TenantData } from '../../demo-tenant/state';
import { commitWithSecrets } from '../keychain/secret-transaction';
import { INCOMING_CLIENT_SECRET_ACCOUNT, systemSecretAccount } from '../keychain/entry-names';
import type { SecretVault } from '../keychain/secret-vault';
import type { SettingsStore } from '../settings/settings-store';
import {
  demoIdentity,
  planDemoClearing,
  type DemoClearing,
  type StoredSecrets,
} from './demo-values';

export interface DemoValuesDeps {
  store: Pick<SettingsStore, 'getSystem' | 'getIncoming' | 'getEnvironment' | 'setSections'>;
  vault: Pick<SecretVault, 'read'> & Parameters<typeof commitWithSecrets>[0];
  /** The demo tenant as it is now (support may have added secrets), or as seeded. */
  tenant(): Promise<TenantData>;
}

/** The secrets to compare; a locked or missing keychain throws its AppError, so nothing is guessed. */
async function storedSecrets(vault: DemoValuesDeps['vault']): Promise<StoredSecrets> {
  const values = await Promise.all(systemSecretKeys.map((k) => vault.read(systemSecretAccount(k))));
  return {
    system: Object.fromEntries(systemSecretKeys.map((k, i) => [k, values[i]])),
    incomingClientSecret: await vault.read(INCOMING_CLIENT_SECRET_ACCOUNT),
  };
}

/** Every demo value the saved settings and the keychain hold now. */
export async function findDemoValues(deps: DemoValuesDeps): Promise<DemoClearing> {
  const { store, vault } = deps;
  const saved = { system: store.getSystem(), incoming: store.getIncoming() };
  return planDemoClearing(saved, await storedSecrets(vault), demoIdentity(await deps.tenant()));
}

/**
 * Clears them and switches to Microsoft 365 as one save (the settings services' path): if the
 * keychain or the file fails on the way, the keychain is put back and nothing has changed.
 */
export async function clearDemoValues(deps: DemoValuesDeps): Promise<DemoValues> {
  const { store, vault } = deps;
  const plan = await findDemoValues(deps);
  await commitWithSecrets(vault, plan.writes, () =>
    store.setSections({
      system: plan.system,
      incoming: plan.incoming,
      environment: { ...store.getEnvironment(), name: 'microsoft365' },
    }),
  );
  return plan.cleared;
}
