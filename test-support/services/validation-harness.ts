import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { IncomingValidateResult } from '../../shared/contract/incoming';
import type { RunProgress, StepProgress } from '../../shared/contract/runs';
import type { TestLogEntry } from '../../shared/contract/test-log';
import type { MailApi } from '../../shared/settings/check-dialog';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettingsForm,
} from '../../shared/settings/incoming-settings';
import { startDemoTenant, type DemoTenant } from '../../electron/demo-tenant/index';
import type { RequestCounts } from '../../electron/demo-tenant/traffic';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
} from '../../electron/demo-tenant/seed';
import {
  createEnvironment,
  type EnvironmentRuntime,
} from '../../electron/services/environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT } from '../../electron/services/keychain/entry-names';
import { openTestLog } from '../../electron/services/logs/test-log';
import type { RetryPolicy } from '../../electron/services/runs/retry-policy';
import { createRunEngine } from '../../electron/services/runs/run-engine';
import { openSettingsStore } from '../../electron/services/settings/settings-store';
import { createTokenBroker } from '../../electron/services/tokens/token-broker';
import { createMailboxValidation } from '../../electron/services/validation/mailbox-validation';
import { createMemorySecretVault } from './memory-secret-vault';

/** What one Validate all through the app's validation service left behind. */
export interface Validated {
  result: IncomingValidateResult;
  /** The demo tenant's requests during the run, per endpoint. */
  counts: RequestCounts;
  /** The run's waits, as pushed for the grid's rows. */
  waits: StepProgress[];
  /** The run's Test log entries, one per account. */
  log: TestLogEntry[];
  form: IncomingSettingsForm;
}

export interface ValidationHarness {
  tenant: DemoTenant;
  /**
   * Validate all (Client secret, the app-only token) on a row per address, through `through`,
   * with `retry` as the run's policy; checks every row got one result, none dropped or doubled.
   */
  validateAll(
    addresses: string[],
    options?: { through?: MailApi; retry?: RetryPolicy },
  ): Promise<Validated>;
}

function formFor(addresses: string[]): IncomingSettingsForm {
  return {
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    accounts: addresses.map((email) => ({ ...newIncomingAccount(), email, types: ['crm'] })),
  };
}

/**
 * The app's mailbox validation on a real demo tenant, in this process, for one test file: started
 * before its tests, closed after them, the tenant reset (limits, faults, mail) before each.
 */
export function useValidationHarness(use: (harness: ValidationHarness) => void): void {
  let dir = '';
  let tenant: DemoTenant | undefined;
  let environment: EnvironmentRuntime | undefined;

  const validateAll: ValidationHarness['validateAll'] = async (addresses, options = {}) => {
    if (!tenant || !environment) throw new Error('The harness is not started');
    const logDir = fs.mkdtempSync(path.join(dir, 'log-'));
    const testLog = openTestLog(logDir);
    const progress: RunProgress[] = [];
    const engine = createRunEngine({
      vault: createMemorySecretVault({ [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE }),
      testLog,
      environment: { current: () => 'demo' },
      emit: (event) => progress.push(event),
      retry: options.retry,
    });
    const service = createMailboxValidation({ engine, environment, tokens: createTokenBroker() });
    const form = formFor(addresses);
    tenant.state.resetCounters();
    const result = await service.validate({
      runId: crypto.randomUUID(),
      form,
      secrets: {},
      accountIds: form.accounts.map((a) => a.id),
      through: options.through ?? 'graph',
    });
    const ids = result.results.map((r) => r.id);
    // Every account once: none dropped, none validated twice.
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(form.accounts.map((a) => a.id).sort());
    const waits = progress.filter(
      (p): p is StepProgress => p.kind === 'step' && p.state === 'waiting',
    );
    const log = await testLog.list('all');
    return { result, counts: tenant.state.requestCounts(), waits, log, form };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-harness-'));
    tenant = await startDemoTenant();
    const started = tenant;
    environment = createEnvironment({
      store: openSettingsStore({ dir }),
      vault: createMemorySecretVault(),
      startTenant: async () => started,
    });
    await environment.ready;
    use({ tenant, validateAll });
  });
  afterAll(async () => {
    await environment?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => tenant?.state.reset());
}
