import { describe, expect, it } from 'vitest';
import type { SecretChange } from './secrets';
import { defaultIncomingSettings, toIncomingSettingsForm } from './incoming-settings';
import { validateIncomingSettings } from './incoming-validation';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
  validateSystemSettings,
  type AuthFlow,
} from './system-settings';

interface EntraCase {
  clientId?: string;
  tenantId?: string;
  authFlow?: AuthFlow;
  storedClientSecret?: boolean;
  clientSecret?: SecretChange;
}

const ids = {
  clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  tenantId: 'contoso.onmicrosoft.com',
};

/** Both procedures validate their Entra ID rows with the same words; each runs every case. */
const procedures: [string, (c: EntraCase) => string[]][] = [
  [
    'System settings',
    ({ storedClientSecret = false, clientSecret, ...patch }) =>
      validateSystemSettings(
        { ...toSystemSettingsForm(defaultSystemSettings), ...ids, ...patch },
        { exchangePassword: false, smtpPassword: false, clientSecret: storedClientSecret },
        { clientSecret },
      ).errors.map((e) => `${e.field}: ${e.message}`),
  ],
  [
    'Settings for incoming e-mail',
    ({ storedClientSecret = false, clientSecret, ...patch }) =>
      validateIncomingSettings(
        { ...toIncomingSettingsForm(defaultIncomingSettings, 'sv-SE'), ...ids, ...patch },
        { clientSecret: storedClientSecret, passwords: {} },
        { clientSecret },
      ).errors.map((e) => `${e.field}: ${e.message}`),
  ],
];

describe.each(procedures)('%s: the Entra ID rows', (_name, messages) => {
  it('use the guide’s words for missing Entra ID values', () => {
    expect(messages({ clientId: '', tenantId: ' ', authFlow: 'client-secret' })).toEqual([
      'clientId: Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
      'tenantId: Directory (tenant) ID is missing: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
      'clientSecret: Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
    ]);
  });

  it('accept a stored or newly typed client secret, and refuse one being cleared', () => {
    const flow = { authFlow: 'client-secret' } as const;
    expect(messages({ ...flow, storedClientSecret: true })).toEqual([]);
    expect(messages({ ...flow, clientSecret: { action: 'set', value: 's3cr3t' } })).toEqual([]);
    expect(
      messages({ ...flow, storedClientSecret: true, clientSecret: { action: 'clear' } }),
    ).toEqual([
      'clientSecret: Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
    ]);
  });
});
