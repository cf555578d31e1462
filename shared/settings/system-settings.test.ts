import { describe, expect, it } from 'vitest';
import {
  defaultSystemSettings,
  isSystemFieldEnabled,
  toSystemSettingsForm,
  validateSystemSettings,
  type SystemSettingsForm,
} from './system-settings';
import { systemOverallRows } from './system-rows';

const none = { exchangePassword: false, smtpPassword: false, clientSecret: false };
const form = (patch: Partial<SystemSettingsForm> = {}): SystemSettingsForm => ({
  ...toSystemSettingsForm(defaultSystemSettings),
  clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  tenantId: 'contoso.onmicrosoft.com',
  ...patch,
});
const messages = (f: SystemSettingsForm, secrets = none, changes = {}) =>
  validateSystemSettings(f, secrets, changes).errors.map((e) => `${e.field}: ${e.message}`);

describe('validateSystemSettings', () => {
  it('checks formats and ranges in the same style', () => {
    expect(
      messages(
        form({
          clientId: 'not-a-guid',
          tenantId: 'no spaces allowed',
          port: '70000',
          backupWarningDays: '0',
          maxAttachmentMb: '2.5',
          backupSender: 'backup@',
          dayChangeTime: '24:00',
          serverAddress: 'bad host!',
        }),
      ),
    ).toEqual([
      'backupWarningDays: Number of days must be between 1 and 365: enter a number in that range',
      'port: Port must be between 0 and 65535: enter a number in that range',
      'maxAttachmentMb: Maximum size must be a whole number: enter digits only, 1 to 150',
      'dayChangeTime: Time must be HH:MM (00:00–23:59): enter it as e.g. 12:00',
      'backupSender: E-mail address is not valid: enter it as name@domain, e.g. erp@contoso.com',
      'serverAddress: Server address is not a valid host name or IP address: enter a host name such as outlook.office365.com, or an IP address',
      'clientId: Application (client) ID is not a valid GUID: copy it from the app registration’s Overview in Entra ID',
      'tenantId: Directory (tenant) ID is not a valid GUID or domain: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
    ]);
  });

  it('returns typed, trimmed settings when valid', () => {
    const result = validateSystemSettings(
      form({ port: ' 443 ', tenantId: ' contoso.onmicrosoft.com ' }),
      none,
    );
    expect(result.errors).toEqual([]);
    expect(result.settings?.port).toBe(443);
    expect(result.settings?.tenantId).toBe('contoso.onmicrosoft.com');
  });

  it('does not validate rows the e-mail method disables', () => {
    const smtp = form({
      emailMethod: 'smtp',
      clientId: '',
      tenantId: '',
      authFlow: 'client-secret',
    });
    expect(messages(smtp)).toEqual([]);
    expect(messages(form({ emailMethod: 'client', serverAddress: '' }))).toEqual([]);
  });
});

describe('rows', () => {
  it('numbers rows 1–24 in order with unique keys', () => {
    expect(systemOverallRows.map((r) => r.n)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(systemOverallRows.map((r) => r.key)).size).toBe(24);
  });

  it('disables SMTP rows for Exchange Online and Entra rows for SMTP', () => {
    expect(isSystemFieldEnabled('smtpPassword', 'exchange-online')).toBe(false);
    expect(isSystemFieldEnabled('clientId', 'smtp')).toBe(false);
    expect(isSystemFieldEnabled('maxAttachmentMb', 'client')).toBe(true);
  });

  it('enables the OAuth rows 21–24 for SMTP to Exchange Online, where the test tries XOAUTH2', () => {
    for (const key of ['clientId', 'tenantId', 'authFlow', 'clientSecret'] as const) {
      expect(isSystemFieldEnabled(key, 'smtp', ' SMTP.Office365.com ')).toBe(true);
      expect(isSystemFieldEnabled(key, 'smtp', 'mail.contoso.com')).toBe(false);
    }
    expect(isSystemFieldEnabled('smtpPassword', 'smtp', 'smtp.office365.com')).toBe(true);
  });

  it('leaves the OAuth rows optional with SMTP, and checks them once filled', () => {
    const smtp = { emailMethod: 'smtp' as const, serverAddress: 'smtp.office365.com' };
    expect(messages(form({ ...smtp, clientId: '', tenantId: '' }))).toEqual([]);
    expect(messages(form({ ...smtp, clientId: 'not-a-guid', tenantId: '' }))).toEqual([
      'clientId: Application (client) ID is not a valid GUID: copy it from the app registration’s Overview in Entra ID',
      'tenantId: Directory (tenant) ID is missing: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
    ]);
  });
});
