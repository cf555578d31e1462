import { defaultSystemSettings, toSystemSettingsForm } from '../../shared/settings/system-settings';
import type { Api, MethodName } from '../../shared/contract/index';
import type { SystemSettingsView } from '../../shared/contract/settings';
import type { IncomingSettingsView } from '../../shared/contract/incoming';
import type { WalkthroughProgress } from '../../shared/contract/walkthrough';
import { defaultMailApiChoice, type MailApiChoice } from '../../shared/contract/mail-apis';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
} from '../../shared/settings/incoming-settings';
import { randomUUID } from 'node:crypto';
import { DEMO_BADGE, type EnvironmentView } from '../../shared/contract/environment';
import type {
  SystemSettingsSaveInput,
  SystemSettingsService,
} from '../../electron/services/settings/system-settings-service';
import type { TestLogService } from '../../electron/services/logs/test-log';
import type { EnvironmentService } from '../../electron/services/environment/environment';
import type { AppInfo } from '../../electron/services/base/app-info';
import { createHandlers, type HandlerDeps } from '../../electron/host/handlers';
import type { MailCheckService } from '../../electron/services/check/mail-check';
import { createDemoTenantService } from '../../electron/services/demo/demo-tenant-service';
import { createOperations } from '../../electron/demo-tenant/operations';
import { Limits } from '../../electron/demo-tenant/limits';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_ID,
  DEMO_USERS,
  demoSeed,
} from '../../electron/demo-tenant/seed';
import { TenantState } from '../../electron/demo-tenant/state';
import { defaultNetworkSettings, type NetworkSettings } from '../../shared/settings/network';
import type { ConnectionRow } from '../../shared/contract/network';
import { createNetworkSettingsService } from '../../electron/services/settings/network-settings-service';
import { createMemorySecretVault } from '../services/memory-secret-vault';
import { Traffic } from '../../electron/demo-tenant/traffic';

/** A System settings service that keeps everything in memory and accepts every save. */
export function inMemorySystemSettings(): SystemSettingsService & {
  saves: SystemSettingsSaveInput[];
} {
  const saves: SystemSettingsSaveInput[] = [];
  let view: SystemSettingsView = {
    settings: defaultSystemSettings,
    secretsSet: { exchangePassword: false, smtpPassword: false, clientSecret: false },
    notices: [],
  };
  return {
    saves,
    load: async () => view,
    save: async (input) => {
      saves.push(input);
      view = { ...view, settings: { ...view.settings, serverAddress: input.form.serverAddress } };
      return { status: 'saved', view };
    },
  };
}

export const testAppInfo: AppInfo = {
  name: 'ERP Mail Settings',
  version: '0.0.0-test',
  transport: 'browser',
  settingsFile: '/tmp/settings.json',
};

/** The demo tenant's real operations in memory, without its servers; no propagation delay. */
export const inMemoryDemoTenant = (now: () => number = Date.now) =>
  createOperations(new TenantState(demoSeed(), now, 0), new Traffic(), new Limits(now));

/**
 * Environment, check, Test log and demo tenant stand-ins: Demo, every Test answers OK!, an empty
 * log, and the demo.* methods over an in-memory demo tenant (refused once switched away from Demo).
 */
export function fakeCheckServices(): Pick<
  HandlerDeps,
  'environment' | 'check' | 'testLog' | 'supportBundle' | 'runs' | 'demo'
> {
  let view: EnvironmentView = { environment: 'demo', badge: DEMO_BADGE };
  const environment: EnvironmentService = {
    get: async () => view,
    set: async (name) => (view = { environment: name, badge: view.badge }),
    demoValues: async () => ({ system: [], incoming: [] }),
    clearDemoValues: async () => ({
      view: (view = { environment: 'microsoft365', badge: view.badge }),
      cleared: { system: [], incoming: [] },
    }),
  };
  const check: MailCheckService = {
    run: async ({ runId }) => ({
      runId,
      ok: true,
      outcome: 'ok',
      lines: ['OK!'],
      steps: [],
      logEntryId: randomUUID(),
    }),
  };
  const testLog: TestLogService = {
    list: async () => [],
    export: async () => ({ fileName: 'test-log.json', json: '[]' }),
  };
  const tenant = inMemoryDemoTenant();
  const demo = createDemoTenantService({
    current: () => view.environment,
    operations: async () => tenant,
  });
  const supportBundle = async () => ({ fileName: 'support-bundle.json', json: '{}' });
  return { environment, check, testLog, supportBundle, runs: { cancel: () => false }, demo };
}

/** Settings for incoming e-mail stand-ins: defaults saved in memory, every mailbox validates. */
export function fakeIncomingServices(): Pick<
  HandlerDeps,
  'incomingSettings' | 'mailboxValidation'
> {
  let view: IncomingSettingsView = {
    settings: defaultIncomingSettings,
    secretsSet: { clientSecret: false, passwords: {} },
    secretVersions: { passwords: {} },
    notices: [],
  };
  return {
    incomingSettings: {
      load: async () => view,
      save: async ({ form }) => {
        view = { ...view, settings: { ...view.settings, serverName: form.serverName } };
        return { status: 'saved', view };
      },
    },
    mailboxValidation: {
      validate: async ({ runId, accountIds }) => ({
        runId,
        outcome: 'done',
        results: accountIds.map((id) => ({
          id,
          ok: true,
          total: 0,
          unread: 0,
          newest: [],
          lines: ['OK!'],
        })),
      }),
    },
  };
}

/**
 * What the app keeps in the settings file beside the settings (the walkthrough's ticks, the last
 * Send through and Validate through), kept in memory here.
 */
export function inMemoryPreferences(): Pick<HandlerDeps, 'walkthrough' | 'mailApis'> {
  let progress: WalkthroughProgress = { done: [] };
  let choice: MailApiChoice = { ...defaultMailApiChoice };
  return {
    walkthrough: {
      getWalkthrough: () => ({ done: [...progress.done] }),
      setWalkthrough: (next) => (progress = { done: [...next.done] }),
    },
    mailApis: {
      getMailApis: () => ({ ...choice }),
      setMailApis: (next) => (choice = { ...next }),
    },
  };
}

/** The Network procedure's service on a form and keychain in memory; Check connections answers `rows`. */
export function fakeNetworkServices(
  rows: ConnectionRow[] = [],
): Pick<HandlerDeps, 'networkSettings' | 'connections'> {
  let settings: NetworkSettings = { ...defaultNetworkSettings };
  const store = {
    getNetwork: () => ({ ...settings }),
    setNetwork: (next: NetworkSettings) => (settings = { ...next }),
  };
  return {
    networkSettings: createNetworkSettingsService({
      store,
      vault: createMemorySecretVault(),
      kind: 'environment',
    }),
    connections: { check: async () => rows },
  };
}

export const testHandlers = () =>
  createHandlers({
    appInfo: testAppInfo,
    systemSettings: inMemorySystemSettings(),
    ...fakeCheckServices(),
    ...fakeIncomingServices(),
    ...inMemoryPreferences(),
    ...fakeNetworkServices(),
  });

const sampleIncomingForm = {
  ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: 'contoso.onmicrosoft.com',
  accounts: [
    {
      ...newIncomingAccount('0b5f3c1e-9d2a-4c47-8e1f-3a6b7c8d9e0f'),
      email: 'orders@example.com',
      userName: 'orders@example.com',
      types: ['crm' as const],
    },
  ],
};
const sampleIncomingSecrets = {
  passwords: {
    '0b5f3c1e-9d2a-4c47-8e1f-3a6b7c8d9e0f': { action: 'set' as const, value: 'typed-password' },
  },
};

const sampleForm = {
  ...toSystemSettingsForm(defaultSystemSettings),
  serverAddress: 'mail.example.com',
};

/** A valid input for every contract method; typed so that a new method needs one here. */
export const sampleInputs = {
  'app.info': {},
  'systemSettings.load': {},
  'systemSettings.save': {
    form: sampleForm,
    secrets: { clientSecret: { action: 'set', value: 's3cret-value' } },
  },
  'environment.get': {},
  'environment.set': { environment: 'microsoft365' },
  'environment.demoValues': {},
  'environment.clearDemoValues': {},
  'check.run': {
    runId: '6f1c2b8e-3d4a-4e5f-9a6b-7c8d9e0f1a2b',
    form: sampleForm,
    secrets: {},
    dialog: {
      emailMethod: 'exchange-online',
      recipient: 'dana@example.com',
      sender: 'erp@example.com',
      userName: 'erp@example.com',
      password: { action: 'set', value: 'typed-password' },
    },
  },
  'testLog.list': { result: 'all' },
  'testLog.export': { result: 'failed' },
  'support.exportBundle': {},
  'incomingSettings.load': {},
  'incomingSettings.save': { form: sampleIncomingForm, secrets: sampleIncomingSecrets },
  'incoming.validate': {
    runId: '6f1c2b8e-3d4a-4e5f-9a6b-7c8d9e0f1a2c',
    form: sampleIncomingForm,
    secrets: sampleIncomingSecrets,
    accountIds: ['0b5f3c1e-9d2a-4c47-8e1f-3a6b7c8d9e0f'],
  },
  'run.cancel': { runId: '6f1c2b8e-3d4a-4e5f-9a6b-7c8d9e0f1a2c' },
  'demo.get': {},
  'demo.setSwitch': { target: 'user', id: DEMO_USERS.erpService, name: 'locked', value: true },
  'demo.setPermission': {
    clientId: CLIENT_SECRET_APP_ID,
    resourceAppId: '00000003-0000-0000-c000-000000000000',
    permissionId: 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
    requested: false,
  },
  'demo.addSecret': { clientId: CLIENT_SECRET_APP_ID, displayName: 'Support demo' },
  'demo.removeSecret': { clientId: CLIENT_SECRET_APP_ID, keyId: DEMO_SECRET_ID },
  'demo.setSecretExpiry': {
    clientId: CLIENT_SECRET_APP_ID,
    keyId: DEMO_SECRET_ID,
    expiresAt: '2026-01-01',
  },
  'demo.setMailboxRight': {
    address: DEMO_USERS.recipient,
    user: DEMO_USERS.erpService,
    right: 'fullAccess',
    granted: true,
  },
  'demo.setFault': { endpoint: 'ews', answer: '503', latencyMs: 0 },
  'demo.setPropagationDelay': { seconds: 5 },
  'demo.lowerLimits': { on: true },
  'demo.breakStep': { flow: 'password', section: 'password', step: 14 },
  'demo.fixStep': { flow: 'password', section: 'password', step: 14 },
  'demo.reset': {},
  'walkthrough.getProgress': {},
  'walkthrough.setProgress': { done: ['password:password:1'] },
  'mailApis.get': {},
  'mailApis.set': { send: 'graph', validate: 'ews' },
  'network.load': {},
  'network.save': {
    form: {
      proxy: 'manual',
      proxyAddress: 'http://proxy.corp.example:8080',
      proxyUser: 'ann',
      noProxyFor: '.corp.example',
    },
    password: { action: 'set', value: 'proxy-password' },
  },
  'network.checkConnections': {},
} satisfies { [M in MethodName]: Parameters<Api[M]>[0] };
