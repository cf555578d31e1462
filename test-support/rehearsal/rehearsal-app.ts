import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckResult, CheckRunInput } from '../../shared/contract/check';
import type { IncomingValidateResult } from '../../shared/contract/incoming';
import type { ConnectionRow } from '../../shared/contract/network';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
} from '../../shared/settings/incoming-settings';
import { defaultNetworkSettings, type NetworkSettings } from '../../shared/settings/network';
import { toSystemSettingsForm } from '../../shared/settings/system-settings';
import {
  DEMO_PASSWORD,
  DEMO_SHARED_MAILBOXES,
  DEMO_USERS,
  demoSeedIds,
} from '../../electron/demo-tenant/seed';
import { composeApp, type ComposedApp } from '../../electron/host/compose';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { createMemorySecretVault } from '../services/memory-secret-vault';
import { demoCheckDialog } from '../services/check-harness';

/** The process environment a rehearsal case runs under (HTTPS_PROXY, SSL_CERT_FILE, NO_PROXY). */
export type RehearsalEnv = Partial<Record<'HTTPS_PROXY' | 'SSL_CERT_FILE' | 'NO_PROXY', string>>;

export interface RehearsalApp {
  app: ComposedApp;
  /** The saved System settings as the form holds them, and the demo's dialog. */
  input(): CheckRunInput;
  /** The green icon's Test with the saved System settings and the demo's dialog. */
  check(patch?: Partial<Omit<CheckRunInput, 'runId'>>): Promise<CheckResult>;
  /** Validate all of Exchange Online's seeded mailboxes through EWS or Microsoft Graph. */
  validateAll(through: 'ews' | 'graph'): Promise<IncomingValidateResult>;
  checkConnections(): Promise<ConnectionRow[]>;
  close(): Promise<void>;
}

const VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'SSL_CERT_FILE',
];

/** Sets the case's variables (and clears the others); answers a function that puts them back. */
function useEnvironment(env: RehearsalEnv): () => void {
  const before = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  return () => {
    for (const name of VARIABLES) delete process.env[name];
    for (const [name, value] of Object.entries(before))
      if (value !== undefined) process.env[name] = value;
  };
}

function incomingForm() {
  const seed = demoSeedIds();
  const accounts = [DEMO_USERS.erpService, DEMO_SHARED_MAILBOXES.orders].map((email) => ({
    ...newIncomingAccount(randomUUID()),
    email,
    types: ['crm' as const],
  }));
  return {
    ...toIncomingSettingsForm({ ...defaultIncomingSettings, service: 'exchange-online' }, 'en-US'),
    serverName: 'outlook.office365.com',
    clientId: seed.apps.clientSecret,
    tenantId: seed.tenantId,
    authFlow: 'client-secret' as const,
    accounts,
  };
}

/**
 * The app as an admin at a company runs it: composed for real (browser host, in-memory keychain),
 * prefilled with the demo tenant's values, then switched to Microsoft 365, so every request goes
 * to Microsoft's names: reachable here only through the proxy the case configures.
 */
export async function startRehearsalApp(
  env: RehearsalEnv,
  network: Partial<NetworkSettings> = {},
  proxyPassword?: string,
): Promise<RehearsalApp> {
  const restore = useEnvironment(env);
  const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-'));
  const app = composeApp({
    settingsDir: dir,
    keychainService: 'unused: the vault is in memory',
    transport: 'browser',
    vault: createMemorySecretVault(),
    requestTimeoutMs: 8_000,
  });
  const { handlers } = app;
  await app.environment.ready;
  await handlers['environment.set']({ environment: 'microsoft365' });
  const saved = await handlers['network.save']({
    form: { ...defaultNetworkSettings, ...network },
    ...(proxyPassword !== undefined ? { password: { action: 'set', value: proxyPassword } } : {}),
  });
  if (saved.status !== 'saved')
    throw new Error(`Network settings refused: ${JSON.stringify(saved)}`);
  const store = openSettingsStore({ dir });
  const input = (): CheckRunInput => ({
    runId: randomUUID(),
    form: toSystemSettingsForm(store.getSystem()),
    secrets: {},
    dialog: { ...demoCheckDialog },
  });
  return {
    app,
    input,
    check: (patch = {}) => handlers['check.run']({ ...input(), ...patch, runId: randomUUID() }),
    validateAll: async (through) => {
      const form = incomingForm();
      return (await handlers['incoming.validate']({
        runId: randomUUID(),
        form,
        secrets: { clientSecret: { action: 'set', value: demoSeedIds().clientSecret.value } },
        accountIds: form.accounts.map((a) => a.id),
        through,
      })) as IncomingValidateResult;
    },
    checkConnections: async () => (await handlers['network.checkConnections']({})).rows,
    close: async () => {
      await app.close();
      restore();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Server based, via SMTP to smtp.office365.com:587 (STARTTLS) with the demo user's password. */
export const smtpOfficeInput = (base: CheckRunInput): Partial<CheckRunInput> => ({
  form: {
    ...base.form,
    emailMethod: 'smtp',
    serverAddress: 'smtp.office365.com',
    port: '587',
    useSsl: false,
  },
  secrets: { smtpPassword: { action: 'set', value: DEMO_PASSWORD } },
  dialog: { ...base.dialog, emailMethod: 'smtp' },
});

/**
 * `startRehearsalApp` for a test file: each case's app is closed (and its env put back) after it.
 * The test file hands over its runner's `afterEach`, so this module needs no test library.
 */
export function rehearsalAppPerTest(
  afterEach: (hook: () => Promise<void>) => void,
): (...args: Parameters<typeof startRehearsalApp>) => Promise<RehearsalApp> {
  let running: RehearsalApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async (...args) => (running = await startRehearsalApp(...args));
}
