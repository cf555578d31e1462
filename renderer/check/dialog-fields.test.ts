import { describe, expect, it } from 'vitest';
import { DEMO_BADGE } from '../../shared/contract/environment';
import { defaultSystemSettings, toSystemSettingsForm } from '../../shared/settings/system-settings';
import { dialogFieldErrors, formHasSecret, prefillDialog, toCheckDialog } from './dialog-fields';

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
  smtpUserName: 'smtp-user',
};
const { smtpUserName: _smtp, ...checkFields } = fields;
const stored = () => true;

describe('check dialog fields', () => {
  it('prefills from rows 14, 11, 12 and 17, and in Demo fills the gaps from the tenant', () => {
    const filled = {
      ...form,
      backupSender: ' erp@contoso.com ',
      exchangeUserName: 'svc@contoso.com',
      smtpUserName: ' relay ',
    };
    expect(prefillDialog(filled, demo, '')).toEqual({
      emailMethod: 'exchange-online',
      recipient: 'dana.sales@contoso-demo.onmicrosoft.com',
      sender: 'erp@contoso.com',
      userName: 'svc@contoso.com',
      smtpUserName: 'relay',
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
    const key = 'exchangePassword';
    expect(formHasSecret({ secretsSet: stored, secretDrafts: {} }, key)).toBe(true);
    expect(
      formHasSecret(
        { secretsSet: stored, secretDrafts: { exchangePassword: { value: '', clear: true } } },
        key,
      ),
    ).toBe(false);
    expect(
      formHasSecret(
        { secretsSet: none, secretDrafts: { exchangePassword: { value: 'p', clear: false } } },
        key,
      ),
    ).toBe(true);
    expect(formHasSecret({ secretsSet: stored, secretDrafts: {} }, 'smtpPassword')).toBe(false);
  });

  it('sends a password only when one was typed in the dialog', () => {
    const typed = (value: string) => ({ exchangePassword: { value, clear: false } });
    expect(toCheckDialog(fields, 'password', {}, stored)).toEqual(checkFields);
    expect(toCheckDialog(fields, 'password', typed(''), stored)).toEqual(checkFields);
    expect(toCheckDialog(fields, 'password', typed('typed'), stored)).toEqual({
      ...checkFields,
      password: { action: 'set', value: 'typed' },
    });
    // Client secret signs in with row 24: a password typed earlier is not sent.
    expect(toCheckDialog(fields, 'client-secret', typed('typed'), stored)).toEqual(checkFields);
  });

  it('uses the SMTP user name and password for Server based, via SMTP', () => {
    const smtp = { ...fields, emailMethod: 'smtp' as const };
    const passwords = {
      exchangePassword: { value: 'exchange', clear: false },
      smtpPassword: { value: 'smtp', clear: false },
    };
    expect(toCheckDialog(smtp, 'password', passwords, stored)).toEqual({
      ...checkFields,
      emailMethod: 'smtp',
      userName: 'smtp-user',
      password: { action: 'set', value: 'smtp' },
    });
    const client = { ...fields, emailMethod: 'client' as const };
    expect(toCheckDialog(client, 'password', passwords, stored)).not.toHaveProperty('password');
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
