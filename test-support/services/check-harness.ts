import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckProgress, CheckRunInput } from '../../shared/contract/check';
import { toSystemSettingsForm } from '../../shared/settings/system-settings';
import {
  startDemoTenant,
  type DemoTenant,
  type DemoTenantOptions,
} from '../../electron/demo-tenant/index';
import { DEMO_USERS } from '../../electron/demo-tenant/seed';
import { createEnvironment, type EnvironmentRuntime } from '../../electron/services/environment';
import { createMailCheck, type RetryPolicy } from '../../electron/services/mail-check';
import { createMemorySecretVault } from './memory-secret-vault';
import { openSettingsStore, type SettingsStore } from '../../electron/services/settings-store';
import { openTestLog, type TestLog } from '../../electron/services/test-log';
import { createTokenBroker } from '../../electron/services/token-broker';
import type { MailCheckService, SecretVault } from '../../electron/services/contracts';

/** The demo's Check dialog: the seeded ERP service account sends to the seeded recipient. */
export const demoCheckDialog = {
  emailMethod: 'exchange-online',
  recipient: DEMO_USERS.recipient,
  sender: DEMO_USERS.erpService,
  userName: DEMO_USERS.erpService,
} as const satisfies CheckRunInput['dialog'];

/** Retries in milliseconds instead of seconds, so the retry tests stay fast. */
export const fastRetry: RetryPolicy = {
  forbiddenDelaysMs: [100, 200, 300],
  throttleRetries: 2,
  throttleDelayMs: 100,
  maxRetryAfterMs: 3_000,
  tickMs: 50,
};

export interface CheckHarness {
  tenant: DemoTenant;
  dir: string;
  store: SettingsStore;
  vault: SecretVault;
  environment: EnvironmentRuntime;
  testLog: TestLog;
  progress: CheckProgress[];
  /** Called with each progress event as it is pushed, e.g. to act while a check waits. */
  onProgress?: (event: CheckProgress) => void;
  /** A fresh check (and token cache) on the same tenant, settings and log. */
  newCheck(options?: { retry?: RetryPolicy }): MailCheckService;
  /** The saved (prefilled) settings as the form holds them, and the demo's dialog. */
  input(patch?: Partial<Omit<CheckRunInput, 'runId'>>): CheckRunInput;
  close(): Promise<void>;
}

/** The real check on a real demo tenant, in this process, with a settings folder of its own. */
export async function startCheckHarness(
  tenantOptions: DemoTenantOptions = {},
  requestTimeoutMs = 2_000,
): Promise<CheckHarness> {
  const tenant = await startDemoTenant(tenantOptions);
  const dir = await mkdtemp(path.join(tmpdir(), 'mail-check-'));
  const store = openSettingsStore({ dir });
  const vault = createMemorySecretVault();
  const environment = createEnvironment({
    store,
    vault,
    requestTimeoutMs,
    startTenant: async () => tenant,
  });
  await environment.ready;
  const testLog = openTestLog(dir);
  const progress: CheckProgress[] = [];
  const harness = {} as CheckHarness;
  const newCheck = (options: { retry?: RetryPolicy } = {}) =>
    createMailCheck({
      appName: 'ERP Mail Settings',
      vault,
      environment,
      tokens: createTokenBroker(),
      testLog,
      progress: (event) => {
        progress.push(event);
        harness.onProgress?.(event);
      },
      retry: options.retry ?? fastRetry,
    });
  return Object.assign(harness, {
    tenant,
    dir,
    store,
    vault,
    environment,
    testLog,
    progress,
    newCheck,
    input: (patch = {}) => ({
      runId: crypto.randomUUID(),
      form: toSystemSettingsForm(store.getSystem()),
      secrets: {},
      dialog: { ...demoCheckDialog },
      ...patch,
    }),
    close: async () => {
      await environment.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
}
