import { describe, expect, it } from 'vitest';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettingsForm,
} from './incoming-settings';
import { validateIncomingSettings } from './incoming-validation';
import { defaultNetworkSettings, networkSettingsErrors } from './network';
import { SECRET_MAX_LENGTH } from './secrets';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
  validateSystemSettings,
  type SystemSettingsForm,
} from './system-settings';

/**
 * A message says what to do when one of its clauses starts with an instruction: "Incorrect value:
 * choose at least one type", "Enter the proxy as a URL, …".
 */
const ACTION =
  /(?:^|[:;.—]\s|,\s(?:or\s)?)(enter|choose|copy|paste|type|shorten|delete|change|start)\b/i;
const says = (message: string) => ACTION.test(message);

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const noSecrets = { exchangePassword: false, smtpPassword: false, clientSecret: false };

function systemMessages(): string[] {
  const form = (patch: Partial<SystemSettingsForm>): SystemSettingsForm => ({
    ...toSystemSettingsForm(defaultSystemSettings),
    ...patch,
  });
  const forms: [SystemSettingsForm, Parameters<typeof validateSystemSettings>[2]][] = [
    [form({ authFlow: 'client-secret' }), {}],
    [
      form({
        clientId: 'not-a-guid',
        tenantId: 'no domain',
        authFlow: 'client-secret',
        backupWarningDays: 'three',
        maxAttachmentMb: '500',
        dayChangeTime: '25:00',
        backupSender: 'nobody',
        clientSecretExpires: 'soon',
      }),
      { clientSecret: { action: 'set', value: GUID } },
    ],
    [form({ emailMethod: 'smtp', serverAddress: '', backupSender: 'a\u202E@contoso.com' }), {}],
    [
      form({ emailMethod: 'exchange', serverAddress: 'bad host!', clientId: 'x'.repeat(65) }),
      { exchangePassword: { action: 'set', value: 'x'.repeat(SECRET_MAX_LENGTH + 1) } },
    ],
  ];
  return forms.flatMap(([f, changes]) =>
    validateSystemSettings(f, noSecrets, changes).errors.map((e) => e.message),
  );
}

function incomingMessages(): string[] {
  const form = (patch: Partial<IncomingSettingsForm>): IncomingSettingsForm => ({
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-GB'),
    ...patch,
  });
  const row = (id: string, patch: Partial<IncomingSettingsForm['accounts'][number]> = {}) => ({
    ...newIncomingAccount(id),
    ...patch,
  });
  const a = '0b6f3c5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
  const b = '1c7a4d6f-2e3b-4d4c-8f9a-8b7c6d5e4f3a';
  const c = '2d8b5e7a-3f4c-4e5d-9a0b-9c8d7e6f5a4b';
  const forms = [
    form({
      serverName: '',
      port: '70000',
      pollingInterval: 'often',
      authFlow: 'client-secret',
      accounts: [
        row(a, { available: { all: false, users: [] } }),
        row(b, { email: 'x@contoso.com' }),
        row(c, { email: 'X@contoso.com', available: { all: false, users: ['u'.repeat(65)] } }),
      ],
    }),
    form({ serverName: 'bad host!', pollingInterval: '0', port: 'x', clientId: GUID }),
  ];
  return forms.flatMap((f) =>
    validateIncomingSettings(f, { clientSecret: false, passwords: {} }).errors.map(
      (e) => e.message,
    ),
  );
}

function networkMessages(): string[] {
  return ['', 'proxy', 'ftp://proxy:21', 'http://u:p@proxy:8080', 'http://proxy:8080/path'].flatMap(
    (proxyAddress) =>
      networkSettingsErrors({ ...defaultNetworkSettings, proxy: 'manual', proxyAddress }).map(
        (e) => e.message,
      ),
  );
}

describe('every validation message says what to do (issue 21, item 6)', () => {
  it('the rule tells a statement from an instruction', () => {
    expect(says('Incorrect value')).toBe(false);
    expect(says('Application (client) ID is missing')).toBe(false);
    expect(says('Port must be between 0 and 65535')).toBe(false);
    expect(says('Incorrect value: choose at least one type')).toBe(true);
    expect(says('Enter the proxy as a URL, e.g. http://proxy.corp.example:8080.')).toBe(true);
  });

  it.each([
    ['System settings', systemMessages, 15],
    ['Settings for incoming e-mail', incomingMessages, 12],
    ['Network', networkMessages, 5],
  ] as const)('%s', (_name, messagesOf, atLeast) => {
    const messages = [...new Set(messagesOf())];
    // The broken forms above reach this many different messages; fewer means a case lost its point.
    expect(messages.length).toBeGreaterThanOrEqual(atLeast);
    expect(messages.filter((m) => !says(m))).toEqual([]);
  });

  it('an empty Type cell says to choose a type', () => {
    expect(incomingMessages()).toContain('Incorrect value: choose at least one type');
  });
});
