import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckResult, CheckRunInput } from '../../shared/contract/check';
import type { DeliveryProgress, StepProgress } from '../../shared/contract/runs';
import type { FollowOptions } from '../../electron/services/check/follow-delivery';
import { toSystemSettingsForm } from '../../shared/settings/system-settings';
import {
  startDemoTenant,
  type DemoTenant,
  type DemoTenantOptions,
} from '../../electron/demo-tenant/index';
import { DEMO_USERS } from '../../electron/demo-tenant/seed';
import { composeApp, type ComposedApp, type ComposeOptions } from '../../electron/host/compose';
import type { SecretVault } from '../../electron/services/keychain/secret-vault';
import type { RetryPolicy } from '../../electron/services/runs/retry-policy';
import type { RunClock } from '../../electron/services/runs/run-clock';
import {
  openSettingsStore,
  type SettingsStore,
} from '../../electron/services/settings/settings-store';
import { openTestLog, type TestLog } from '../../electron/services/logs/test-log';
import { createMemorySecretVault } from './memory-secret-vault';

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
  throttleDelayMs: 100,
  maxThrottleWaitMs: 3_000,
  tickMs: 50,
};

/** The green icon's test as the handler table serves it. */
export interface HarnessCheck {
  run(input: CheckRunInput): Promise<CheckResult>;
  /** run.cancel: whether the run was in progress and is now stopping. */
  cancel(runId: string): Promise<boolean>;
}

export interface NewCheckOptions {
  retry?: RetryPolicy;
  clock?: RunClock;
  follow?: FollowOptions;
}

export interface CheckHarness {
  tenant: DemoTenant;
  dir: string;
  store: SettingsStore;
  vault: SecretVault;
  testLog: TestLog;
  /** The step events of every run, as run.progress pushed them. */
  progress: StepProgress[];
  /** The delivery events after OK!, as run.progress pushed them. */
  deliveries: DeliveryProgress[];
  /** Called with each step event as it is pushed, e.g. to act while a check waits. */
  onProgress?: (event: StepProgress) => void;
  /** A fresh app (and token cache) on the same tenant, settings folder, keychain and log. */
  newCheck(options?: NewCheckOptions): HarnessCheck;
  /** The saved (prefilled) settings as the form holds them, and the demo's dialog. */
  input(patch?: Partial<Omit<CheckRunInput, 'runId'>>): CheckRunInput;
  close(): Promise<void>;
}

/**
 * The real check on a real demo tenant, in this process, through the app's own composition
 * (composeApp and its handler table) with a settings folder of its own and an in-memory keychain.
 */
export async function startCheckHarness(
  tenantOptions: DemoTenantOptions = {},
  requestTimeoutMs = 2_000,
): Promise<CheckHarness> {
  const tenant = await startDemoTenant(tenantOptions);
  const dir = await mkdtemp(path.join(tmpdir(), 'mail-check-'));
  const vault = createMemorySecretVault();
  const apps: ComposedApp[] = [];
  const harness = { progress: [] as StepProgress[], deliveries: [] } as unknown as CheckHarness;
  const compose = ({ retry = fastRetry, clock, follow }: NewCheckOptions = {}) => {
    const options: ComposeOptions = {
      settingsDir: dir,
      keychainService: 'unused: the vault is in memory',
      transport: 'browser',
      vault,
      // Every app shares the one tenant; only the harness stops it.
      startDemoTenant: async () => ({ ...tenant, close: async () => {} }),
      requestTimeoutMs,
      retry,
      clock,
      follow,
    };
    const app = composeApp(options);
    app.events.subscribe((name, payload) => {
      const event = payload as StepProgress | DeliveryProgress;
      if (name === 'run.progress' && event.kind === 'delivery') harness.deliveries.push(event);
      if (name !== 'run.progress' || event.kind !== 'step') return;
      harness.progress.push(event);
      harness.onProgress?.(event);
    });
    apps.push(app);
    return app;
  };
  await compose().environment.ready;
  const store = openSettingsStore({ dir });
  return Object.assign(harness, {
    tenant,
    dir,
    store,
    vault,
    testLog: openTestLog(dir),
    newCheck: (options: NewCheckOptions = {}) => {
      const { handlers } = compose(options);
      return {
        run: (input: CheckRunInput) => handlers['check.run'](input),
        cancel: async (runId: string) => (await handlers['run.cancel']({ runId })).cancelled,
      };
    },
    input: (patch = {}) => ({
      runId: crypto.randomUUID(),
      form: toSystemSettingsForm(store.getSystem()),
      secrets: {},
      dialog: { ...demoCheckDialog },
      ...patch,
    }),
    close: async () => {
      await Promise.all(apps.map((app) => app.close()));
      await tenant.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
}
