import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingValidateInput } from '../../../shared/contract/incoming';
import type { AccountProgress } from '../../../shared/contract/runs';
import type { SecretVault } from '../keychain/secret-vault';
import { createRunEngine } from '../runs/run-engine';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettingsForm,
} from '../../../shared/settings/incoming-settings';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  demoSeedIds,
} from '../../demo-tenant/seed';
import { createEnvironment, type EnvironmentRuntime } from '../environment/environment';
import { INCOMING_CLIENT_SECRET_ACCOUNT, incomingPasswordAccount } from '../keychain/entry-names';
import { createMailboxValidation, type MailboxValidationDeps } from './mailbox-validation';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { openSettingsStore } from '../settings/settings-store';
import { openTestLog, type TestLog } from '../logs/test-log';
import { startDovecot } from '../../../test-support/services/dovecot';
import { createTokenBroker } from '../tokens/token-broker';

const CONCURRENCY = 8;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The tenant's seven mailboxes, taken in turn: the service validates rows, not unique addresses. */
const mailboxes = demoSeedIds().mailboxes.map((m) => m.address);

let dir: string;
let tenant: DemoTenant;
let environment: EnvironmentRuntime;
let testLog: TestLog;
/** EWS requests in flight right now, and the most seen at once, counted at the client's HTTP seam. */
let ews = { inFlight: 0, max: 0, total: 0 };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailbox-validation-'));
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
beforeEach(() => {
  tenant.state.reset();
  ews = { inFlight: 0, max: 0, total: 0 };
  testLog = openTestLog(fs.mkdtempSync(path.join(dir, 'log-')));
});

/** The environment's route, with EWS requests counted as they start and finish. */
const countingEnvironment: MailboxValidationDeps['environment'] = {
  imapRoute: (host, port) => environment.imapRoute(host, port),
  route: async (target) => {
    const route = await environment.route(target);
    const ewsXhrApi = () => {
      const api = route.transport.ewsXhrApi();
      const send = api.xhr.bind(api);
      api.xhr = async (...args) => {
        ews.total += 1;
        ews.max = Math.max(ews.max, ++ews.inFlight);
        try {
          return await send(...args);
        } finally {
          ews.inFlight -= 1;
        }
      };
      return api;
    };
    return { ...route, transport: { ...route.transport, ewsXhrApi } };
  },
};

function clientSecretForm(count: number): IncomingSettingsForm {
  return {
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret',
    accounts: Array.from({ length: count }, (_, n) => ({
      ...newIncomingAccount(id(n)),
      email: mailboxes[n % mailboxes.length] ?? '',
      types: ['crm' as const],
    })),
  };
}

interface ValidationOptions {
  vault?: SecretVault;
  concurrency?: number;
  imapCaPem?: string;
}

/** The validation on a run engine of its own: `cancel` is run.cancel's. */
function validation(options: ValidationOptions = {}, progress: AccountProgress[] = []) {
  const engine = createRunEngine({
    vault:
      options.vault ??
      createMemorySecretVault({ [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE }),
    testLog,
    environment: { current: () => 'demo' },
    emit: (event) => {
      if (event.kind === 'account') progress.push(event);
    },
  });
  const service = createMailboxValidation({
    engine,
    environment: countingEnvironment,
    tokens: createTokenBroker(),
    concurrency: options.concurrency ?? CONCURRENCY,
    imapCaPem: options.imapCaPem,
  });
  return { validate: service.validate, cancel: engine.cancel };
}

const input = (
  form: IncomingSettingsForm,
  ids = form.accounts.map((a) => a.id),
): IncomingValidateInput => ({
  runId: crypto.randomUUID(),
  form,
  secrets: {},
  accountIds: ids,
});

describe('createMailboxValidation', () => {
  it('validates 200 mailboxes with one app-only token and at most the configured EWS calls at once', async () => {
    // A little latency per request, so that the workers really overlap.
    tenant.state.setFault('ews', { latencyMs: 20 });
    const progress: AccountProgress[] = [];
    const form = clientSecretForm(200);
    const result = await validation({}, progress).validate(input(form));

    expect(result.outcome).toBe('done');
    expect(result.results).toHaveLength(200);
    expect(result.results.every((r) => r.ok)).toBe(true);
    expect(tenant.state.requestCounts().token).toBe(1);
    expect(ews.total).toBe(tenant.state.requestCounts().ews);
    expect(ews.max).toBeLessThanOrEqual(CONCURRENCY);
    expect(ews.max).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ done: 200, total: 200 });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 201 }, (_, n) => n));
    const entries = await testLog.list('all');
    expect(entries).toHaveLength(200);
    expect(entries.every((e) => e.procedure === 'incoming-mail' && e.ok)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(DEMO_SECRET_VALUE);
  });

  it('validates 200 mailboxes through Microsoft Graph with one app-only token and no EWS call', async () => {
    const form = clientSecretForm(200);
    const result = await validation().validate({ ...input(form), through: 'graph' });
    expect(result.outcome).toBe('done');
    expect(result.results.every((r) => r.ok)).toBe(true);
    expect(result.results[0]).toMatchObject({
      total: expect.any(Number),
      unread: expect.any(Number),
    });
    expect(tenant.state.requestCounts()).toMatchObject({ token: 1, ews: 0 });
    const entries = await testLog.list('all');
    expect(entries.at(0)?.steps.map((s) => s.step)).toEqual(['token', 'graph-folder']);
  });

  it('gives each row its own diagnosis: an unknown mailbox fails, the others pass', async () => {
    const form = clientSecretForm(2);
    form.accounts[1] = { ...form.accounts[1]!, email: 'nobody@contoso-demo.onmicrosoft.com' };
    const result = await validation().validate(input(form));
    const [ok, unknown] = [0, 1].map((n) => result.results.find((r) => r.id === id(n)));
    expect(ok).toMatchObject({ ok: true });
    expect(unknown).toMatchObject({ ok: false, diagnosisId: 'mailbox-access' });
    expect(unknown?.lines.join('\n')).toContain('ErrorNonExistentMailbox');
    expect((await testLog.list('failed'))[0]).toMatchObject({
      mailbox: 'nobody@contoso-demo.onmicrosoft.com',
      diagnosisId: 'mailbox-access',
    });
  });

  it('reads each keychain entry at most once per run', async () => {
    const memory = createMemorySecretVault({
      [INCOMING_CLIENT_SECRET_ACCOUNT]: DEMO_SECRET_VALUE,
    });
    const touched: string[] = [];
    const vault = {
      ...memory,
      read: (account: string) => (touched.push(account), memory.read(account)),
      isSet: (account: string) => (touched.push(account), memory.isSet(account)),
    };
    const result = await validation({ vault }).validate(input(clientSecretForm(3)));
    expect(result.results.every((r) => r.ok)).toBe(true);
    expect(touched).toHaveLength(new Set(touched).size);
    expect(touched).toContain(INCOMING_CLIENT_SECRET_ACCOUNT);
  });

  it('refuses to run without a client secret, naming the field', async () => {
    const result = await validation({ vault: createMemorySecretVault() }).validate(
      input(clientSecretForm(1)),
    );
    expect(result.outcome).toBe('invalid');
    expect(result.errors).toEqual([
      {
        field: 'clientSecret',
        message:
          'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
      },
    ]);
    expect(tenant.state.requestCounts().token).toBe(0);
  });

  it('stops taking accounts when cancelled and answers what finished', async () => {
    tenant.state.setFault('ews', { latencyMs: 100 });
    const progress: AccountProgress[] = [];
    const service = validation({ concurrency: 2 }, progress);
    const run = input(clientSecretForm(40));
    const answer = service.validate(run);
    await expect.poll(() => progress.length, { interval: 10 }).toBeGreaterThan(2);
    expect(service.cancel(run.runId)).toBe(true);
    const result = await answer;
    expect(result.outcome).toBe('cancelled');
    expect(result.results.length).toBeLessThan(40);
  });

  it('says plainly that Exchange (on-premises) is not validated', async () => {
    const form = { ...clientSecretForm(1), service: 'exchange' as const };
    const result = await validation().validate(input(form));
    expect(result.outcome).toBe('unsupported');
    expect(result.message).toMatch(/not available for Exchange \(on-premises\)/);
  });

  it('routes IMAP accounts to the IMAP login against a real server', async () => {
    const server = await startDovecot({
      messages: [{ subject: 'Order 1001', date: new Date('2025-01-01T09:00:00Z') }],
    });
    try {
      const form: IncomingSettingsForm = {
        ...clientSecretForm(0),
        service: 'imap',
        serverName: server.host,
        port: String(server.port),
        accounts: [
          {
            ...newIncomingAccount(id(1)),
            email: 'orders@example.com',
            userName: server.user,
            types: ['crm'],
          },
        ],
      };
      const vault = createMemorySecretVault({ [incomingPasswordAccount(id(1))]: server.password });
      const result = await validation({ vault, imapCaPem: server.caPem }).validate(input(form));
      expect(result.results).toEqual([
        expect.objectContaining({
          id: id(1),
          ok: true,
          total: 1,
          newest: ['Order 1001'],
          newestAt: '2025-01-01T09:00:00.000Z',
          lines: ['OK! 1 messages, 1 unread', 'Newest message arrived: 2025-01-01T09:00:00.000Z'],
        }),
      ]);
      expect(ews.total).toBe(0);
      const [entry] = await testLog.list('all');
      expect(entry?.steps.map((s) => s.step)).toEqual(['imap']);
      expect(entry?.flow).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});
