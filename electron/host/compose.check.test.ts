import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGE } from '../../shared/contract/environment';
import type { Result } from '../../shared/contract';
import { startDemoTenant, type DemoTenant } from '../demo-tenant/index';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../demo-tenant/seed';
import { createMemorySecretVault } from '../../test-support/services/memory-secret-vault';
import { demoCheckDialog, fastRetry } from '../../test-support/services/check-harness';
import { composeApp, type ComposedApp } from './compose';
import { createDispatch, type Dispatch } from './dispatch';

/** A JSON Web Token (an access token) anywhere in a text. */
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]+/;
const TYPED_PASSWORD = 'Typed-but-never-saved-1';

let settingsDir: string;
let tenant: DemoTenant;
let app: ComposedApp;
let dispatch: Dispatch;
const vault = createMemorySecretVault();
/** Every answer and event that crossed the boundary, as the renderer would receive them. */
const crossed: string[] = [];

const call = async (method: string, input: unknown) => {
  const result: Result = await dispatch(method, input);
  crossed.push(JSON.stringify(result));
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
};

beforeAll(async () => {
  settingsDir = await mkdtemp(path.join(tmpdir(), 'compose-check-'));
  tenant = await startDemoTenant();
  app = composeApp({
    settingsDir,
    keychainService: 'unused',
    transport: 'browser',
    vault,
    startDemoTenant: async () => tenant,
    retry: fastRetry,
  });
  app.events.subscribe((name, payload) => crossed.push(JSON.stringify({ name, payload })));
  dispatch = createDispatch(app.handlers);
});
afterAll(async () => {
  await app.close();
  await rm(settingsDir, { recursive: true, force: true });
});

const checkInput = async (patch: Record<string, unknown> = {}) => {
  const view = (await call('systemSettings.load', {})) as {
    settings: Record<string, unknown>;
  };
  const form = Object.fromEntries(
    Object.entries(view.settings).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  );
  return {
    runId: crypto.randomUUID(),
    form,
    secrets: {},
    dialog: demoCheckDialog,
    ...patch,
  };
};

describe('the check behind the handler table, on the first run in Demo', () => {
  it('starts in Demo with the badge and prefills rows 12, 13, 21, 22 and 23', async () => {
    expect(await call('environment.get', {})).toMatchObject({
      environment: 'demo',
      badge: DEMO_BADGE,
      demo: { sender: DEMO_USERS.erpService, recipient: DEMO_USERS.recipient },
    });
    expect(await call('systemSettings.load', {})).toMatchObject({
      settings: {
        exchangeUserName: DEMO_USERS.erpService,
        clientId: ROPC_APP_ID,
        tenantId: DEMO_TENANT_ID,
        authFlow: 'password',
        serverAddress: 'outlook.office365.com',
      },
      secretsSet: { exchangePassword: true },
    });
  });

  it('answers OK! with one click on Test, and logs the run', async () => {
    const result = await call('check.run', await checkInput());
    expect((result.lines as string[])[0]).toBe('OK!');
    const { entries } = (await call('testLog.list', { result: 'ok' })) as {
      entries: { id: string }[];
    };
    expect(entries[0]!.id).toBe(result.logEntryId);
  });

  it('runs with a typed password and a pending client secret, then fails without leaking them', async () => {
    const typed = await checkInput();
    await call('check.run', {
      ...typed,
      dialog: { ...typed.dialog, password: { action: 'set', value: TYPED_PASSWORD } },
    });
    const secret = await checkInput();
    const ok = await call('check.run', {
      ...secret,
      form: { ...secret.form, clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret' },
      secrets: { clientSecret: { action: 'set', value: DEMO_SECRET_VALUE } },
    });
    expect((ok.lines as string[])[0]).toBe('OK!');
    tenant.state.updateOrganization({ ewsEnabled: false });
    const blocked = await call('check.run', await checkInput());
    expect(blocked.diagnosisId).toBe('ews-disabled');
    await call('testLog.export', { result: 'all' });
  });

  it('keeps every secret and token out of answers, events, the settings file and the Test log', async () => {
    const files = await readdir(settingsDir);
    expect(files).toContain('test-log.jsonl');
    const texts = [
      ...crossed,
      ...(await Promise.all(files.map((f) => readFile(path.join(settingsDir, f), 'utf8')))),
    ];
    expect(crossed.some((t) => t.includes('run.progress'))).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain(DEMO_SECRET_VALUE);
      expect(text).not.toContain(TYPED_PASSWORD);
      expect(text).not.toMatch(JWT);
    }
  });

  it('remembers Microsoft 365 and routes it to the real hosts with the system roots only', async () => {
    expect(await call('environment.set', { environment: 'microsoft365' })).toEqual({
      environment: 'microsoft365',
      badge: expect.stringMatching(/^Microsoft 365/),
    });
    const route = await app.environment.route({
      tenantId: 'contoso.onmicrosoft.com',
      serverAddress: 'outlook.office365.com',
      port: 0,
    });
    expect(route).toMatchObject({
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      ewsUrl: 'https://outlook.office365.com/EWS/Exchange.asmx',
      knownAuthorities: [],
    });
    expect(route.via).toBeUndefined();
    const file = await readFile(path.join(settingsDir, 'settings.json'), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ environment: { name: 'microsoft365' } });
  });
});
