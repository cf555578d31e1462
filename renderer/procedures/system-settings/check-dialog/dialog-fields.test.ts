import { describe, expect, it } from 'vitest';
import { DEMO_BADGE } from '../../../../shared/contract/environment';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
} from '../../../../shared/settings/system-settings';
import { dialogFieldErrors, formHasPassword, prefillDialog, toCheckDialog } from './dialog-fields';

const form = toSystemSettingsForm(defaultSystemSettings);
const demo = {
  environment: 'demo' as const,
  badge: DEMO_BADGE,
  demo: {
    tenantId: 't',
    domain: 'contoso-demo.onmicrosoft.com',
    sender: 'erp.mail@contoso-demo.onmicrosoft.com',
    recipient: 'dana.sales@contoso-demo.onmicrosoft.com',
    mailboxes: [],
  },
};
const fields = {
  emailMethod: 'exchange-online' as const,
  recipient: 'r@x.com',
  sender: 's@x.com',
  userName: 'u@x.com',
};

describe('check dialog fields', () => {
  it('prefills from rows 14, 11 and 12, and in Demo fills the gaps from the tenant', () => {
    const filled = {
      ...form,
      backupSender: ' erp@contoso.com ',
      exchangeUserName: 'svc@contoso.com',
    };
    expect(prefillDialog(filled, demo, '')).toEqual({
      emailMethod: 'exchange-online',
      recipient: 'dana.sales@contoso-demo.onmicrosoft.com',
      sender: 'erp@contoso.com',
      userName: 'svc@contoso.com',
    });
    expect(prefillDialog(form, demo, 'last@x.com')).toMatchObject({
      recipient: 'last@x.com',
      sender: 'erp.mail@contoso-demo.onmicrosoft.com',
    });
    expect(prefillDialog(form, undefined, '')).toMatchObject({
      recipient: '',
      sender: '',
      userName: '',
    });
  });

  it('counts row 13 as set when stored and not cleared, or typed in the form', () => {
    const stored = { exchangePassword: true, smtpPassword: false, clientSecret: false };
    const none = { ...stored, exchangePassword: false };
    expect(formHasPassword({ secretsSet: stored, secretDrafts: {} })).toBe(true);
    expect(
      formHasPassword({
        secretsSet: stored,
        secretDrafts: { exchangePassword: { value: '', clear: true } },
      }),
    ).toBe(false);
    expect(
      formHasPassword({
        secretsSet: none,
        secretDrafts: { exchangePassword: { value: 'p', clear: false } },
      }),
    ).toBe(true);
  });

  it('sends a password only when one was typed in the dialog', () => {
    expect(toCheckDialog(fields, undefined, true)).toEqual(fields);
    expect(toCheckDialog(fields, { value: '', clear: false }, true)).toEqual(fields);
    expect(toCheckDialog(fields, { value: 'typed', clear: false }, true)).toEqual({
      ...fields,
      password: { action: 'set', value: 'typed' },
    });
  });

  it("picks the dialog's own errors out of main's list", () => {
    expect(
      dialogFieldErrors([
        { field: 'dialog.recipient', message: 'E-mail address is not valid' },
        { field: 'clientId', message: 'Application (client) ID is missing' },
      ]),
    ).toEqual({ recipient: 'E-mail address is not valid' });
  });
});
