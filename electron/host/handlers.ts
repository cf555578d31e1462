import type { Handlers } from '../../shared/contract';
import type { SystemSettingsService } from '../services/settings/system-settings-service';
import type { TestLogService } from '../services/logs/test-log';
import type { EnvironmentService } from '../services/environment/environment';
import type { AppInfo } from '../services/base/app-info';
import type { MailCheckService } from '../services/check/mail-check';
import type { IncomingSettingsService } from '../services/settings/incoming-settings-service';
import type { RunEngine } from '../services/runs/run-engine';
import type { MailboxValidation } from '../services/validation/mailbox-validation';
import type { DemoTenantHandlers } from '../services/demo/demo-tenant-service';
import type { SettingsStore } from '../services/settings/settings-store';
import type { SupportBundle } from '../services/logs/support-bundle';
import type { NetworkSettingsService } from '../services/settings/network-settings-service';
import type { ConnectionCheck } from '../services/connections/connection-check';

/** The services the handler table delegates to; both hosts build them, tests pass fakes. */
export interface HandlerDeps {
  appInfo: AppInfo;
  systemSettings: SystemSettingsService;
  environment: EnvironmentService;
  check: MailCheckService;
  testLog: TestLogService;
  /** Builds the support bundle (Test log procedure's Export support bundle). */
  supportBundle: () => Promise<SupportBundle>;
  incomingSettings: IncomingSettingsService;
  mailboxValidation: MailboxValidation;
  runs: Pick<RunEngine, 'cancel'>;
  /** The demo.* methods, refused outside Demo. */
  demo: DemoTenantHandlers;
  /** Where the walkthrough's ticks are kept: the settings file. */
  walkthrough: Pick<SettingsStore, 'getWalkthrough' | 'setWalkthrough'>;
  /** Where the last Send through and Validate through are kept: the settings file. */
  mailApis: Pick<SettingsStore, 'getMailApis' | 'setMailApis'>;
  /** The Network procedure's form, its proxy password and where the proxy in force comes from. */
  networkSettings: Pick<NetworkSettingsService, 'load' | 'save'>;
  /** Check connections: each host the saved settings use, tried without sending mail. */
  connections: ConnectionCheck;
}

/** The main process's side of the contract: one handler per method, nothing transport-specific. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app.info': async () => deps.appInfo,
    'systemSettings.load': () => deps.systemSettings.load(),
    'systemSettings.save': (input) => deps.systemSettings.save(input),
    'environment.get': () => deps.environment.get(),
    'environment.set': ({ environment }) => deps.environment.set(environment),
    'environment.demoValues': () => deps.environment.demoValues(),
    'environment.clearDemoValues': () => deps.environment.clearDemoValues(),
    'check.run': (input) => deps.check.run(input),
    'testLog.list': async ({ result }) => ({ entries: await deps.testLog.list(result) }),
    'testLog.export': ({ result }) => deps.testLog.export(result),
    'support.exportBundle': () => deps.supportBundle(),
    'incomingSettings.load': () => deps.incomingSettings.load(),
    'incomingSettings.save': (input) => deps.incomingSettings.save(input),
    'incoming.validate': (input) => deps.mailboxValidation.validate(input),
    'run.cancel': async ({ runId }) => ({ cancelled: deps.runs.cancel(runId) }),
    ...deps.demo,
    'walkthrough.getProgress': async () => deps.walkthrough.getWalkthrough(),
    'walkthrough.setProgress': async ({ done }) => {
      deps.walkthrough.setWalkthrough({ done: [...new Set(done)].sort() });
      return deps.walkthrough.getWalkthrough();
    },
    'mailApis.get': async () => deps.mailApis.getMailApis(),
    'mailApis.set': async (choice) => {
      deps.mailApis.setMailApis(choice);
      return deps.mailApis.getMailApis();
    },
    'network.load': () => deps.networkSettings.load(),
    'network.save': (input) => deps.networkSettings.save(input),
    'network.checkConnections': async () => ({ rows: await deps.connections.check() }),
  };
}
