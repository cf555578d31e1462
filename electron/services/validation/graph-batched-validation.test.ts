import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import { CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, DEMO_TENANT_ID } from '../../demo-tenant/seed';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { createEnvironment, type EnvironmentRuntime } from '../environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT } from '../keychain/entry-names';
import { openTestLog } from '../logs/test-log';
import { createRunEngine } from '../runs/run-engine';
import { openSettingsStore } from '../settings/settings-store';
import { createTokenBroker } from '../tokens/token-broker';
import { createMailboxValidation } from './mailbox-validation';

/* Validate all through Microsoft Graph with Client secret: `$batch` requests on one token. */

let dir: string;
let tenant: DemoTenant;
let environment: EnvironmentRuntime;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-batched-'));
  tenant = await startDemoTenant();
  environment = createEnvironment({
    store: openSettingsStore({ dir }),
    vault: createMemorySecretVault(),
    startTenant: async () => tenant,
  });
  await environment.ready;
});
afterAll(async () => {
  await environment?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => tenant.state.reset());

function form(addresses: string[]): IncomingSettingsForm {
  return {
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    accounts: addresses.map((email) => ({
      ...newIncomingAccount(),
      email,
      types: ['crm' as const],
    })),
  };
}

async function validateAll(addresses: string[]) {
  const engine = createRunEngine({
    vault: createMemorySecretVault({ [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE }),
    testLog: openTestLog(fs.mkdtempSync(path.join(dir, 'log-'))),
    environment: { current: () => 'demo' },
    emit: () => {},
  });
  const service = createMailboxValidation({ engine, environment, tokens: createTokenBroker() });
  const f = form(addresses);
  tenant.state.resetCounters();
  const result = await service.validate({
    runId: crypto.randomUUID(),
    form: f,
    secrets: {},
    accountIds: f.accounts.map((a) => a.id),
    through: 'graph',
  });
  const ids = result.results.map((r) => r.id);
  // Every account once: none dropped, none validated twice.
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(f.accounts.map((a) => a.id).sort());
  return { result, counts: tenant.state.requestCounts() };
}

it('300 accounts: ≤ 2 × 300 / 20 Graph requests and exactly one token request', async () => {
  const addresses = tenant.state.addMailboxes(300);
  const { result, counts } = await validateAll(addresses);
  expect(result.outcome).toBe('done');
  expect(result.results.every((r) => r.ok)).toBe(true);
  expect(counts.graph).toBe(30);
  expect(counts.token).toBe(1);
});

it('with the limits lowered, 429s inside the batches are waited out and every account ends OK', async () => {
  tenant.state.setLimits({ graph: { requests: 1, windowMs: 1_500 } });
  const addresses = tenant.state.addMailboxes(20);
  const { result, counts } = await validateAll(addresses);
  expect(result.results.every((r) => r.ok)).toBe(true);
  // Two batches, then each account's second read retried alone once its window passed.
  expect(counts.graph).toBe(2 + 20);
  expect(counts.token).toBe(1);
});

it('a Retry-After beyond the bound is reported, with Graph\u2019s throttling code, not waited for', async () => {
  tenant.state.setLimits({ graph: { requests: 1, windowMs: 120_000 } });
  const [address] = tenant.state.addMailboxes(1);
  const started = performance.now();
  const { result } = await validateAll([address ?? '']);
  expect(performance.now() - started).toBeLessThan(10_000);
  const [row] = result.results;
  expect(row?.ok).toBe(false);
  expect(row && !row.ok ? row.facts : undefined).toMatchObject({
    httpStatus: 429,
    graphCode: 'ApplicationThrottled',
  });
});
