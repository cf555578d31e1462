import os from 'node:os';
import { environmentLabels, type Environment } from '../../../shared/contract/environment';
import type { IncomingSettingsView } from '../../../shared/contract/incoming';
import type { MailApiChoice } from '../../../shared/contract/mail-apis';
import type { NetworkView } from '../../../shared/contract/network';
import type { SystemSettings } from '../../../shared/settings/system-settings';
import { systemSecretKeys } from '../../../shared/settings/system-settings';
import { AppError } from '../../../shared/contract/errors';
import type { AppLog } from './app-log';
import type { TestLogService } from './test-log';
import type { AppInfo } from '../base/app-info';
import type { SecretVault } from '../keychain/secret-vault';
import { systemSecretPresence } from '../settings/system-settings-service';

type Stored = 'stored' | 'not stored';
const stored = (isSet: boolean): Stored => (isSet ? 'stored' : 'not stored');

export interface SupportBundleDeps {
  appInfo: AppInfo;
  environment: { current(): Environment };
  /** The System settings as saved; read from the store, so a pending one-time notice stays for the screen. */
  systemSettings: () => SystemSettings;
  /** Side-effect free: only presence flags, never a secret. */
  incomingSettings: { load(): Promise<IncomingSettingsView> };
  /** The last Send through and Validate through. */
  mailApis: () => MailApiChoice;
  /** The Network form and whether a proxy password is stored; never the password. */
  networkSettings: { load(): Promise<NetworkView> };
  vault: Pick<SecretVault, 'isSet'>;
  testLog: Pick<TestLogService, 'export'>;
  appLog: Pick<AppLog, 'path' | 'tail'>;
  now?: () => Date;
}

export interface SupportBundle {
  fileName: string;
  json: string;
}

/** Each System secret as "stored" or "not stored", or why the keychain could not say. */
async function systemSecrets(vault: SupportBundleDeps['vault']) {
  try {
    const presence = await systemSecretPresence(vault);
    return Object.fromEntries(systemSecretKeys.map((key) => [key, stored(presence[key])]));
  } catch (error) {
    if (error instanceof AppError) return { unknown: error.message };
    throw error;
  }
}

const incomingSecrets = ({ secretsSet }: IncomingSettingsView) => ({
  clientSecret: stored(secretsSet.clientSecret),
  passwords: Object.fromEntries(
    Object.entries(secretsSet.passwords).map(([id, isSet]) => [id, stored(isSet)]),
  ),
});

/**
 * What support needs to see in one JSON file: the app and where it runs, the procedures'
 * settings (each secret only as stored or not), the Test log and the app log's end. Built from
 * the same sources the screens read, none of which holds a secret.
 */
export function createSupportBundle(deps: SupportBundleDeps): () => Promise<SupportBundle> {
  const now = deps.now ?? (() => new Date());
  return async () => {
    const created = now();
    const incoming = await deps.incomingSettings.load();
    const testLog = await deps.testLog.export('all');
    const mailApis = deps.mailApis();
    const network = await deps.networkSettings.load();
    const bundle = {
      kind: `${deps.appInfo.name} support bundle`,
      created: created.toISOString(),
      app: {
        name: deps.appInfo.name,
        version: deps.appInfo.version,
        host: deps.appInfo.transport === 'electron' ? 'Electron' : 'browser host',
      },
      environment: environmentLabels[deps.environment.current()],
      os: { platform: process.platform, release: os.release(), arch: process.arch },
      versions: {
        node: process.versions.node,
        ...(process.versions.electron ? { electron: process.versions.electron } : {}),
        ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
      },
      settings: {
        file: deps.appInfo.settingsFile,
        systemSettings: {
          values: deps.systemSettings(),
          secrets: await systemSecrets(deps.vault),
        },
        incomingMail: {
          values: incoming.settings,
          secrets: incomingSecrets(incoming),
          notices: incoming.notices,
        },
        sendThrough: mailApis.send,
        validateThrough: mailApis.validate,
        network: {
          values: network.settings,
          passwordSet: network.passwordSet,
          source: network.source,
          notices: network.notices,
        },
      },
      testLog: JSON.parse(testLog.json) as unknown,
      appLog: { file: deps.appLog.path, tail: deps.appLog.tail() },
    };
    return {
      fileName: `support-bundle-${created.toISOString().slice(0, 19).replaceAll(':', '-')}.json`,
      json: JSON.stringify(bundle, null, 2),
    };
  };
}
