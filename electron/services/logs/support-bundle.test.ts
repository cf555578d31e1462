import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultIncomingSettings } from '../../../shared/settings/incoming-settings';
import { defaultSystemSettings } from '../../../shared/settings/system-settings';
import { testAppInfo } from '../../../test-support/host/test-doubles';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { createSupportBundle, type SupportBundleDeps } from './support-bundle';
import { NETWORK_PROXY_PASSWORD_ACCOUNT, systemSecretAccount } from '../keychain/entry-names';
import { createNetworkSettingsService } from '../settings/network-settings-service';
import type { SecretVault } from '../keychain/secret-vault';

const PROXY_PASSWORD = 'Proxy-Passw0rd!';
const proxyForm = {
  proxy: 'manual' as const,
  proxyAddress: 'http://proxy.corp.example:8080',
  proxyUser: 'ann',
  noProxyFor: '',
};

/** The Network service over a manual proxy whose password `vault` holds (or not). */
const networkOver = (vault: SecretVault) =>
  createNetworkSettingsService({
    store: { getNetwork: () => proxyForm, setNetwork: () => {} },
    vault,
    kind: 'environment',
  });

const deps = (
  vault: SupportBundleDeps['vault'],
  networkVault: SecretVault = createMemorySecretVault(),
): SupportBundleDeps => ({
  appInfo: testAppInfo,
  environment: { current: () => 'microsoft365' },
  systemSettings: () => defaultSystemSettings,
  incomingSettings: {
    load: async () => ({
      settings: defaultIncomingSettings,
      secretsSet: { clientSecret: true, passwords: { 'row-1': false } },
      secretVersions: { passwords: {} },
      notices: [],
    }),
  },
  mailApis: () => ({ send: 'graph', validate: 'ews' }),
  networkSettings: networkOver(networkVault),
  vault,
  testLog: { export: async () => ({ fileName: 'x.json', json: '{"runs":[]}' }) },
  appLog: { path: '/settings/app.log', tail: () => '[t] [info]  started\n' },
  now: () => new Date('2026-12-02T10:20:30.000Z'),
});

describe('createSupportBundle', () => {
  it('holds the app, environment, OS, settings with secrets as stored or not, Test log and log tail', async () => {
    const vault = createMemorySecretVault({
      [systemSecretAccount('exchangePassword')]: 'Stored-Passw0rd',
    });
    const proxyVault = createMemorySecretVault({
      [NETWORK_PROXY_PASSWORD_ACCOUNT]: PROXY_PASSWORD,
    });
    const { fileName, json } = await createSupportBundle(deps(vault, proxyVault))();
    expect(fileName).toBe('support-bundle-2026-12-02T10-20-30.json');
    expect(json).not.toContain('Stored-Passw0rd');
    expect(json).not.toContain(PROXY_PASSWORD);
    expect(JSON.parse(json)).toMatchObject({
      app: { name: 'ERP Mail Settings', version: '0.0.0-test', host: 'browser host' },
      environment: 'Microsoft 365',
      os: { platform: process.platform, arch: process.arch },
      versions: { node: process.versions.node },
      settings: {
        systemSettings: {
          secrets: {
            exchangePassword: 'stored',
            smtpPassword: 'not stored',
            clientSecret: 'not stored',
          },
        },
        incomingMail: { secrets: { clientSecret: 'stored', passwords: { 'row-1': 'not stored' } } },
        sendThrough: 'graph',
        validateThrough: 'ews',
        network: {
          values: proxyForm,
          passwordSet: true,
          source: "Manual (the app's setting): http://proxy.corp.example:8080, as ann.",
        },
      },
      testLog: { runs: [] },
      appLog: { file: '/settings/app.log', tail: '[t] [info]  started\n' },
    });
  });

  it('is still made when the keychain cannot say, and says why', async () => {
    const unavailable = new AppError('keychain-unavailable', 'The OS keychain is not available.');
    const vault = {
      isSet: async () => {
        throw unavailable;
      },
    };
    const bundle = JSON.parse((await createSupportBundle(deps(vault))()).json);
    expect(bundle.settings.systemSettings.secrets).toEqual({ unknown: unavailable.message });
  });
});
