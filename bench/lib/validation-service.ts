import type { DemoTenant } from '../../electron/demo-tenant/index';
import { DEMO_SECRET_VALUE } from '../../electron/demo-tenant/seed';
import { createEnvironment } from '../../electron/services/environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT } from '../../electron/services/keychain/entry-names';
import { openTestLog } from '../../electron/services/logs/test-log';
import { createRunEngine } from '../../electron/services/runs/run-engine';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { createTokenBroker } from '../../electron/services/tokens/token-broker';
import { createMailboxValidation } from '../../electron/services/validation/mailbox-validation';
import { createMemorySecretVault } from '../../test-support/services/memory-secret-vault';

/**
 * The app's own validation pieces on one demo tenant, settings and Test log in `dir`: its
 * environment, one token broker for every run (as the app keeps one, so the app-only token is
 * acquired once) and the validation service.
 */
export async function validationServiceOn(tenant: DemoTenant, dir: string) {
  const environment = createEnvironment({
    store: openSettingsStore({ dir }),
    vault: createMemorySecretVault(),
    startTenant: async () => tenant,
  });
  await environment.ready;
  const tokens = createTokenBroker();
  const engine = createRunEngine({
    vault: createMemorySecretVault({ [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE }),
    testLog: openTestLog(dir),
    environment,
    emit: () => {},
  });
  const service = createMailboxValidation({ engine, environment, tokens });
  return { environment, tokens, service };
}
