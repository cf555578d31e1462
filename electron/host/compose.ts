import os from 'node:os';
import { version } from '../../package.json';
import type { Handlers } from '../../shared/contract';
import type { DemoTenant } from '../demo-tenant/index';
import type { SystemSettingsService } from '../services/settings/system-settings-service';
import type { AppInfo } from '../services/base/app-info';
import type { SecretVault } from '../services/keychain/secret-vault';
import { createEnvironment, type EnvironmentRuntime } from '../services/environment/environment';
import { createIncomingSettingsService } from '../services/settings/incoming-settings-service';
import { createMailCheck } from '../services/check/mail-check';
import type { FollowOptions } from '../services/check/follow-delivery';
import { createDemoTenantService } from '../services/demo/demo-tenant-service';
import type { OpenExternal } from '../services/mail/mail-client/mail-client-sender';
import { createRunEngine } from '../services/runs/run-engine';
import type { RetryPolicy } from '../services/runs/retry-policy';
import type { RunClock } from '../services/runs/run-clock';
import { createMailboxValidation } from '../services/validation/mailbox-validation';
import { openAppLog, type AppLog } from '../services/logs/app-log';
import { errorKind } from '../services/base/error-kind';
import { logKeychainFaults } from '../services/logs/keychain-fault-log';
import { createKeychainVault } from '../services/keychain/secret-vault';
import { createSupportBundle } from '../services/logs/support-bundle';
import { createVersionedVault } from '../services/keychain/versioned-vault';
import { openSettingsStore, type BackingFactory } from '../services/settings/settings-store';
import { createSystemSettingsService } from '../services/settings/system-settings-service';
import { createNetworkSettingsService } from '../services/settings/network-settings-service';
import {
  createConnectionCheck,
  type ConnectionCheck,
} from '../services/connections/connection-check';
import {
  createProxyResolver,
  type SystemProxyResolver,
} from '../services/network/proxy/proxy-resolver';
import { fetchScript } from '../services/network/proxy/script-fetch';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../services/network/timeouts';
import { openTestLog } from '../services/logs/test-log';
import { createTokenBroker } from '../services/tokens/token-broker';
import { createAppEventHub, type AppEventHub } from './event-hub';
import { createHandlers } from './handlers';

export const APP_NAME = 'ERP Mail Settings';

export interface ComposeOptions {
  /** Following a Test's message after OK! (the hosts turn it on); absent, a Test ends at OK!. */
  follow?: FollowOptions;
  settingsDir: string;
  keychainService: string;
  transport: AppInfo['transport'];
  /** electron-store inside Electron; conf (the store's default) elsewhere. */
  createBacking?: BackingFactory;
  /** Tests pass an in-memory vault; the app uses the OS keychain. */
  vault?: SecretVault;
  /** Tests start the demo tenant with their own clock, delays or control token. */
  startDemoTenant?: () => Promise<DemoTenant>;
  /** Per-request limit for token and EWS requests (default 30 s). */
  requestTimeoutMs?: number;
  /** Tests shorten the check's waits before retrying. */
  retry?: RetryPolicy;
  /** How many mailboxes Validate all checks at once (default 8). */
  validationConcurrency?: number;
  /** Electron opens a Client based test message in the mail client; the browser host offers a link. */
  openExternal?: OpenExternal;
  /** A CA to trust next to the system roots for IMAP (a test server's throw-away CA). */
  imapCaPem?: string;
  /** Electron's `session.resolveProxy`: the system's proxy for a URL (PAC, WPAD, exceptions). */
  systemProxy?: SystemProxyResolver;
  /** The clock runs are timed and dated on; tests move it (e.g. past EWS's end). */
  clock?: RunClock;
}

export interface ComposedApp {
  handlers: Handlers;
  events: AppEventHub;
  appInfo: AppInfo;
  environment: EnvironmentRuntime;
  /** The app log in the settings folder; the hosts log their own events and failures to it. */
  appLog: AppLog;
  /** The Network procedure's setting in force (read afresh per call), for the network seam. */
  /** Stops what the app started (the demo tenant); both hosts call it on shutdown. */
  close(): Promise<void>;
}

/** Answers only once the first-run Demo prefill is written, so the first load already shows it. */
const afterReady = (
  ready: Promise<void>,
  service: SystemSettingsService,
): SystemSettingsService => ({
  load: async () => {
    await ready;
    return service.load();
  },
  save: async (input) => {
    await ready;
    return service.save(input);
  },
});

/** The first line of each start: what support asks first. */
const startLine = (transport: AppInfo['transport']): string =>
  [
    `${APP_NAME} ${version} started (${transport === 'electron' ? 'Electron' : 'browser host'})`,
    `OS ${process.platform} ${os.release()} ${process.arch}`,
    `Node ${process.versions.node}`,
    ...(process.versions.electron ? [`Electron ${process.versions.electron}`] : []),
  ].join('; ');

/** The settings file and, over it, the keychain with versioned entries and its faults logged. */
function openStorage(options: ComposeOptions, appLog: AppLog) {
  const store = openSettingsStore({
    dir: options.settingsDir,
    createBacking: options.createBacking,
    onNotice: (message) => appLog.warn(`Notice: ${message}`),
  });
  const keychain = options.vault ?? createKeychainVault({ service: options.keychainService });
  const vault = createVersionedVault(logKeychainFaults(keychain, appLog), store, store.path);
  const networkSettings = createNetworkSettingsService({
    store,
    vault,
    // Electron asks Chromium for the system's proxy; the browser host can only read the environment.
    kind: options.transport === 'electron' ? 'electron' : 'environment',
  });
  return { store, vault, networkSettings };
}

type Storage = ReturnType<typeof openStorage>;

/** Entries a killed save left behind go at start; a keychain that is locked now is swept next time. */
function sweepAfterStart(environment: EnvironmentRuntime, { vault }: Storage, appLog: AppLog) {
  void environment.ready
    .then(() => vault.sweep())
    .catch((error: unknown) =>
      appLog.warn(`The start's sweep of old keychain entries stopped: ${errorKind(error)}`),
    );
}

/** The run engine and what runs on it: the green icon's Test and the mailbox validation. */
function composeRuns(
  options: ComposeOptions,
  { vault }: Storage,
  environment: EnvironmentRuntime,
  appLog: AppLog,
) {
  const events = createAppEventHub();
  const testLog = openTestLog(options.settingsDir);
  const engine = createRunEngine({
    vault,
    testLog,
    environment,
    emit: (event) => events.emit('run.progress', event),
    retry: options.retry,
    clock: options.clock,
    ready: environment.ready,
    appLog,
  });
  const checkTokens = createTokenBroker();
  // Its own broker: a batch's tokens must not push the Check dialog's cached token out.
  const validationTokens = createTokenBroker();
  const check = createMailCheck({
    appName: APP_NAME,
    engine,
    environment,
    tokens: checkTokens,
    follow: options.follow,
    openExternal: options.openExternal,
  });
  const mailboxValidation = createMailboxValidation({
    engine,
    environment,
    tokens: validationTokens,
    concurrency: options.validationConcurrency,
    imapCaPem: options.imapCaPem,
  });
  // A token issued before support broke a step would hide the break until it expires.
  const clearTokens = () => {
    checkTokens.clear();
    validationTokens.clear();
  };
  return { events, testLog, engine, check, mailboxValidation, clearTokens };
}

/** The handler table on the composed services. */
function composeHandlers(
  appInfo: AppInfo,
  { store, vault, networkSettings }: Storage,
  environment: EnvironmentRuntime,
  runs: ReturnType<typeof composeRuns>,
  appLog: AppLog,
  connections: ConnectionCheck,
): Handlers {
  const systemSettings = afterReady(
    environment.ready,
    createSystemSettingsService({ store, vault }),
  );
  const incomingSettings = createIncomingSettingsService({ store, vault });
  const { testLog, engine } = runs;
  return createHandlers({
    appInfo,
    systemSettings,
    environment,
    check: runs.check,
    testLog,
    supportBundle: createSupportBundle({
      appInfo,
      environment,
      systemSettings: () => store.getSystem(),
      incomingSettings,
      mailApis: () => store.getMailApis(),
      networkSettings,
      vault,
      testLog,
      appLog,
    }),
    incomingSettings,
    mailboxValidation: runs.mailboxValidation,
    runs: engine,
    demo: createDemoTenantService({
      current: () => environment.current(),
      operations: async () => (await environment.demoTenant()).state,
      onChange: runs.clearTokens,
    }),
    walkthrough: store,
    mailApis: store,
    networkSettings,
    connections,
  });
}

/** Builds the real services for one settings folder and keychain service, and the handler table on them. */
export function composeApp(options: ComposeOptions): ComposedApp {
  const appLog = openAppLog(options.settingsDir);
  appLog.info(startLine(options.transport));
  const storage = openStorage(options, appLog);
  const { store, vault } = storage;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Every Microsoft 365 connection follows the Network procedure's setting, read per connection.
  const proxy = createProxyResolver({
    appSetting: storage.networkSettings.current,
    system: options.systemProxy,
    fetchScript: (url) => fetchScript(url, requestTimeoutMs),
  });
  const appInfo: AppInfo = {
    name: APP_NAME,
    version,
    transport: options.transport,
    settingsFile: store.path,
  };
  const environment = createEnvironment({
    store,
    vault,
    requestTimeoutMs,
    startTenant: options.startDemoTenant,
    proxy,
  });
  const connections = createConnectionCheck({
    environment,
    settings: store,
    proxy,
    timeoutMs: requestTimeoutMs,
  });
  appLog.info(`Settings folder ${options.settingsDir}; environment ${environment.current()}`);
  const runs = composeRuns(options, storage, environment, appLog);
  sweepAfterStart(environment, storage, appLog);
  return {
    handlers: composeHandlers(appInfo, storage, environment, runs, appLog, connections),
    events: runs.events,
    appInfo,
    environment,
    appLog,
    close: () => environment.close(),
  };
}
