import { describe, expect, it } from 'vitest';
import {
  accountFieldKey,
  defaultIncomingSettings,
  incomingSettingsFormSchema,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingSettingsForm,
} from './incoming-settings';
import { validateIncomingSettings } from './incoming-validation';
import {
  defaultSystemSettings,
  systemSettingsFormSchema,
  toSystemSettingsForm,
  validateSystemSettings,
} from './system-settings';

const noSecrets = { clientSecret: false, exchangePassword: false, smtpPassword: false };
const ID = '0b6f3c5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

const systemForm = (patch: Record<string, string>) => ({
  ...toSystemSettingsForm({ ...defaultSystemSettings, clientId: APP, tenantId: 'contoso.com' }),
  ...patch,
});

const incomingForm = (patch: Partial<IncomingSettingsForm> = {}): IncomingSettingsForm => ({
  ...toIncomingSettingsForm(
    {
      ...defaultIncomingSettings,
      clientId: APP,
      tenantId: 'contoso.com',
      authFlow: 'client-secret',
    },
    'en-GB',
  ),
  ...patch,
});

/** A field path such as form.accounts.2.email, which must never reach the screen. */
const FIELD_PATH = /\b(form|accounts)\.[\w.]+/;

describe('main’s limits, checked by the shared validation first', () => {
  it('names a 5,000-character User name (Exchange) by its field, in words', () => {
    const { errors } = validateSystemSettings(
      systemForm({ exchangeUserName: 'x'.repeat(5000) }),
      noSecrets,
    );
    expect(errors).toEqual([
      {
        field: 'exchangeUserName',
        message: 'Too long: at most 320 characters (5000 typed); shorten it',
      },
    ]);
  });

  it('catches a secret longer than the keychain takes', () => {
    const { errors } = validateSystemSettings(systemForm({}), noSecrets, {
      exchangePassword: { action: 'set', value: 'p'.repeat(5000) },
    });
    expect(errors.map((e) => e.field)).toEqual(['exchangePassword']);
  });

  it('puts a huge grid address on its cell, never a field path', () => {
    const row = {
      ...newIncomingAccount(ID),
      email: `${'a'.repeat(400)}@contoso.com`,
      types: ['crm' as const],
    };
    const { errors } = validateIncomingSettings(incomingForm({ accounts: [row] }), {
      clientSecret: true,
      passwords: {},
    });
    expect(errors).toEqual([
      {
        field: accountFieldKey(ID, 'email'),
        message: 'Too long: at most 320 characters (412 typed); shorten it',
      },
    ]);
  });

  it('accepts nothing main would refuse: a form without errors always passes the contract', () => {
    const cases: Partial<IncomingSettingsForm>[] = [
      { serverName: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` },
      { pollingInterval: `${'0'.repeat(40)}1` },
      { tenantId: `${'a'.repeat(250)}.com` },
    ];
    for (const patch of cases) {
      const form = incomingForm(patch);
      const { errors } = validateIncomingSettings(form, { clientSecret: true, passwords: {} });
      if (errors.length === 0)
        expect(incomingSettingsFormSchema.safeParse(form).success).toBe(true);
      else expect(errors.every((e) => !FIELD_PATH.test(e.message))).toBe(true);
    }
    const form = systemForm({ port: `${'0'.repeat(40)}1` });
    const { errors } = validateSystemSettings(form, noSecrets);
    if (errors.length === 0) expect(systemSettingsFormSchema.safeParse(form).success).toBe(true);
    else
      expect(errors).toEqual([
        { field: 'port', message: 'Too long: at most 32 characters (41 typed); shorten it' },
      ]);
  });
});
