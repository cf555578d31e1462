import { describe, expect, it } from 'vitest';
import { incomingAccountColumns, incomingServerRows } from './incoming-rows';
import {
  accountColumnKeys,
  defaultIncomingSettings,
  editAccount,
  incomingServerFieldKeys,
  incomingSettingsFormSchema,
  isAccountColumnEnabled,
  isIncomingFieldEnabled,
  mailTypes,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingAccount,
  type IncomingSecretPresence,
  type IncomingSettingsForm,
} from './incoming-settings';
import { accountChecksOf, validateIncomingSettings } from './incoming-validation';

const A = '0b6f3c5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const B = '1c7a4d6f-2e3b-4d4c-8f9a-8b7c6d5e4f3a';
const C = '2d8b5e7a-3f4c-4e5d-9a0b-9c8d7e6f5a4b';

const account = (id: string, patch: Partial<IncomingAccount> = {}): IncomingAccount => ({
  ...newIncomingAccount(id),
  email: `${id.slice(0, 4)}@contoso.com`,
  userName: `${id.slice(0, 4)}@contoso.com`,
  types: ['crm'],
  ...patch,
});
const form = (patch: Partial<IncomingSettingsForm> = {}): IncomingSettingsForm => ({
  ...toIncomingSettingsForm(defaultIncomingSettings, 'sv-SE'),
  clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  tenantId: 'contoso.onmicrosoft.com',
  ...patch,
});
const passwords = (...ids: string[]): IncomingSecretPresence => ({
  clientSecret: false,
  passwords: Object.fromEntries(ids.map((id) => [id, true])),
});
const messages = (
  f: IncomingSettingsForm,
  secrets = passwords(),
  changes: Parameters<typeof validateIncomingSettings>[2] = {},
) => validateIncomingSettings(f, secrets, changes).errors.map((e) => `${e.field}: ${e.message}`);

describe('defaults', () => {
  it('start on Exchange Online at outlook.office365.com, port 0, every 60 minutes', () => {
    expect(defaultIncomingSettings).toMatchObject({
      service: 'exchange-online',
      serverName: 'outlook.office365.com',
      port: 0,
      pollingInterval: 60,
      authFlow: 'password',
      accounts: [],
    });
  });

  it('show the polling interval in the user’s locale', () => {
    expect(toIncomingSettingsForm(defaultIncomingSettings, 'sv-SE').pollingInterval).toBe('60,00');
    expect(toIncomingSettingsForm(defaultIncomingSettings, 'en-US').pollingInterval).toBe('60.00');
  });

  it('give a new row a fresh id, Available to all and no type', () => {
    const row = newIncomingAccount();
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(newIncomingAccount().id).not.toBe(row.id);
    expect(row).toMatchObject({ email: '', userName: '', types: [], available: { all: true } });
  });
});

describe('validateIncomingSettings: server settings', () => {
  it('accepts the polling interval with a comma or a point', () => {
    for (const pollingInterval of ['60,00', '60.00', '60', ' 0,5 ', '1440'])
      expect(messages(form({ pollingInterval })), pollingInterval).toEqual([]);
    expect(
      validateIncomingSettings(form({ pollingInterval: '12,345' }), passwords()).settings
        ?.pollingInterval,
    ).toBe(12.35);
  });

  it('checks server name, port and polling interval in the same style', () => {
    expect(messages(form({ serverName: ' ', port: '70000', pollingInterval: '0,00' }))).toEqual([
      'serverName: Server name is missing: enter a host name such as outlook.office365.com, or an IP address',
      'port: Port must be between 0 and 65535: enter a number in that range',
      'pollingInterval: Polling interval must be more than 0 and at most 1440 minutes: enter a number in that range',
    ]);
    expect(
      messages(
        form({
          serverName: 'bad host!',
          port: '99.5',
          pollingInterval: 'hourly',
          clientId: 'not-a-guid',
          tenantId: 'no spaces',
        }),
      ),
    ).toEqual([
      'serverName: Server name is not a valid host name or IP address: enter a host name such as outlook.office365.com, or an IP address',
      'port: Port must be a whole number: enter digits only, 0 to 65535',
      'pollingInterval: Polling interval must be a number of minutes: enter e.g. 60.00',
      'clientId: Application (client) ID is not a valid GUID: copy it from the app registration’s Overview in Entra ID',
      'tenantId: Directory (tenant) ID is not a valid GUID or domain: copy it from the app registration’s Overview, or enter a verified domain such as contoso.onmicrosoft.com',
    ]);
    expect(messages(form({ pollingInterval: '1440,01' }))).toEqual([
      'pollingInterval: Polling interval must be more than 0 and at most 1440 minutes: enter a number in that range',
    ]);
    expect(messages(form({ pollingInterval: '0,001' }))).toHaveLength(1);
    expect(messages(form({ pollingInterval: '-5' }))).toHaveLength(1);
  });

  it('does not validate the Entra ID fields for IMAP or Exchange', () => {
    for (const service of ['imap', 'exchange'] as const)
      expect(
        messages(
          form({
            service,
            serverName: 'mail.contoso.com',
            clientId: '',
            tenantId: 'x y',
            authFlow: 'client-secret',
          }),
        ),
      ).toEqual([]);
  });

  it('returns typed, trimmed settings when valid', () => {
    const rows = [account(A, { email: ' a@contoso.com ', userName: ' a ' })];
    const result = validateIncomingSettings(
      form({
        port: ' 993 ',
        pollingInterval: '15,50',
        serverName: ' mail.contoso.com ',
        accounts: rows,
      }),
      passwords(A),
    );
    expect(result.errors).toEqual([]);
    expect(result.settings).toMatchObject({
      port: 993,
      pollingInterval: 15.5,
      serverName: 'mail.contoso.com',
      accounts: [{ id: A, email: 'a@contoso.com', userName: 'a' }],
    });
  });
});

/** The guide's “Incorrect value”, then what to do about that cell. */
const incorrect = {
  email: 'Incorrect value: enter the mailbox’s address, e.g. orders@contoso.com',
  userName: 'Incorrect value: enter the mailbox’s user name (usually its UPN)',
  password: 'Incorrect value: enter the mailbox’s password',
  types: 'Incorrect value: choose at least one type',
  available: 'Incorrect value: choose Available to all, or enter at least one user name',
};

describe('validateIncomingSettings: the accounts grid', () => {
  const cell = (id: string, column: keyof typeof incorrect, message = incorrect[column]) =>
    `accounts.${id}.${column}: ${message}`;

  it('marks a missing or wrong cell with the guide’s “Incorrect value”', () => {
    const rows = [
      account(A, { email: '' }),
      account(B, { email: 'not-an-address', userName: ' ' }),
      account(C, { types: [], available: { all: false, users: [' ', ''] } }),
    ];
    expect(messages(form({ accounts: rows }), passwords(A, B))).toEqual([
      cell(A, 'email'),
      cell(B, 'email'),
      cell(B, 'userName'),
      cell(C, 'password'),
      cell(C, 'types'),
      cell(C, 'available'),
    ]);
  });

  it('finds a duplicate e-mail address regardless of case, on the later row', () => {
    const rows = [
      account(A, { email: 'Sales@Contoso.com' }),
      account(B, { email: 'sales@contoso.com ' }),
      account(C, { email: 'SALES@contoso.com' }),
    ];
    expect(messages(form({ accounts: rows }), passwords(A, B, C))).toEqual([
      cell(B, 'email', 'E-mail address is used twice: change or delete one of the rows'),
      cell(C, 'email', 'E-mail address is used twice: change or delete one of the rows'),
    ]);
  });

  it('takes each row’s password from the keychain flags and the pending changes', () => {
    const rows = [account(A), account(B)];
    expect(
      messages(form({ accounts: rows }), passwords(A), {
        passwords: { [A]: { action: 'clear' }, [B]: { action: 'set', value: 'pw' } },
      }),
    ).toEqual([cell(A, 'password')]);
  });

  it('does not ask for user name or password in the Client secret flow', () => {
    const rows = [account(A, { userName: '' })];
    const clientSecret = form({ authFlow: 'client-secret', accounts: rows });
    expect(messages(clientSecret, { ...passwords(), clientSecret: true })).toEqual([]);
  });

  it('asks for user name and password for IMAP and Exchange, whatever the flow says', () => {
    const rows = [account(A, { userName: '' })];
    for (const service of ['imap', 'exchange'] as const)
      expect(messages(form({ service, authFlow: 'client-secret', accounts: rows }))).toEqual([
        cell(A, 'userName'),
        cell(A, 'password'),
      ]);
  });

  it('saves types in the guide’s order without repeats, and a tidy list of ERP users', () => {
    const rows = [
      account(A, {
        types: ['project', 'crm', 'project', 'monitor-to-monitor'],
        available: { all: false, users: [' anna ', 'bo', '', 'anna'] },
      }),
    ];
    const saved = validateIncomingSettings(form({ accounts: rows }), passwords(A)).settings;
    expect(saved?.accounts[0]?.types).toEqual(['monitor-to-monitor', 'crm', 'project']);
    expect(saved?.accounts[0]?.available).toEqual({ all: false, users: ['anna', 'bo'] });
  });

  it('accepts 1,000 distinct rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      account(`${String(i).padStart(8, '0')}-1d2a-4c3b-9e8f-7a6b5c4d3e2f`, {
        email: `user${i}@contoso.com`,
      }),
    );
    const ids = rows.map((r) => r.id);
    expect(messages(form({ accounts: rows }), passwords(...ids))).toEqual([]);
  });
});

describe('accountChecksOf: the per-row cache', () => {
  const cell = (id: string, column: keyof typeof incorrect, message = incorrect[column]) =>
    `accounts.${id}.${column}: ${message}`;

  it('answers the same checks for the same row object', () => {
    const row = account(A);
    expect(accountChecksOf(row)).toBe(accountChecksOf(row));
  });

  it('checks an edited row afresh, so its errors follow every edit', () => {
    const rows = [account(A), account(B)];
    const stored = passwords(A, B);
    expect(messages(form({ accounts: rows }), stored)).toEqual([]);

    const broken = [rows[0]!, editAccount(rows[1]!, { email: 'not-an-address', types: [] })];
    expect(messages(form({ accounts: broken }), stored)).toEqual([
      cell(B, 'email'),
      cell(B, 'types'),
    ]);

    const twin = [rows[0]!, editAccount(broken[1]!, { email: rows[0]!.email, types: ['crm'] })];
    expect(messages(form({ accounts: twin }), stored)).toEqual([
      cell(B, 'email', 'E-mail address is used twice: change or delete one of the rows'),
    ]);

    const fixed = [rows[0]!, editAccount(twin[1]!, { email: 'other@contoso.com' })];
    expect(messages(form({ accounts: fixed }), stored)).toEqual([]);
    // The rows checked before are still answered from the cache, unchanged.
    expect(messages(form({ accounts: broken }), stored)).toEqual([
      cell(B, 'email'),
      cell(B, 'types'),
    ]);
  });

  it('keeps the duplicate check across rows when the rows themselves are cached', () => {
    const first = account(A, { email: 'sales@contoso.com' });
    const second = account(B, { email: 'Sales@contoso.com' });
    const stored = passwords(A, B);
    expect(messages(form({ accounts: [first, second] }), stored)).toEqual([
      cell(B, 'email', 'E-mail address is used twice: change or delete one of the rows'),
    ]);
    expect(messages(form({ accounts: [second, first] }), stored)).toEqual([
      cell(A, 'email', 'E-mail address is used twice: change or delete one of the rows'),
    ]);
    expect(messages(form({ accounts: [second] }), stored)).toEqual([]);
  });
});

describe('editAccount', () => {
  const validated = account(A, {
    validation: { status: 'ok', at: '2025-01-01T00:00:00.000Z', total: 3, unread: 1, newest: [] },
  });

  it('clears Val. when the e-mail, user name or password changes', () => {
    expect(editAccount(validated, { email: 'other@contoso.com' }).validation).toBeUndefined();
    expect(editAccount(validated, { userName: 'other' }).validation).toBeUndefined();
    expect(editAccount(validated, {}, true).validation).toBeUndefined();
    expect(editAccount(validated, { email: 'other@contoso.com' }).email).toBe('other@contoso.com');
  });

  it('keeps Val. for edits that do not touch the credentials', () => {
    expect(editAccount(validated, { types: ['part'] }).validation).toEqual(validated.validation);
    expect(editAccount(validated, { available: { all: false, users: ['bo'] } }).validation).toEqual(
      validated.validation,
    );
    expect(editAccount(validated, { email: validated.email }).validation).toEqual(
      validated.validation,
    );
  });
});

describe('which fields a service uses', () => {
  it('enables the Entra ID fields for Exchange Online only', () => {
    expect(isIncomingFieldEnabled('clientSecret', 'exchange-online')).toBe(true);
    expect(isIncomingFieldEnabled('clientId', 'imap')).toBe(false);
    expect(isIncomingFieldEnabled('authFlow', 'exchange')).toBe(false);
    expect(isIncomingFieldEnabled('pollingInterval', 'imap')).toBe(true);
  });

  it('disables User name and Password only for Exchange Online with Client secret', () => {
    const on = (
      service: 'exchange' | 'imap' | 'exchange-online',
      authFlow: 'password' | 'client-secret',
    ) => isAccountColumnEnabled('password', { service, authFlow });
    expect(on('exchange-online', 'client-secret')).toBe(false);
    expect(on('exchange-online', 'password')).toBe(true);
    expect(on('imap', 'client-secret')).toBe(true);
    expect(
      isAccountColumnEnabled('email', { service: 'exchange-online', authFlow: 'client-secret' }),
    ).toBe(true);
  });
});

describe('schemas and labels', () => {
  it('refuses an account id that is not a UUID and a type the guide does not name', () => {
    const base = form({ accounts: [account(A)] });
    expect(incomingSettingsFormSchema.safeParse(base).success).toBe(true);
    expect(
      incomingSettingsFormSchema.safeParse({ ...base, accounts: [account('row-1')] }).success,
    ).toBe(false);
    expect(
      incomingSettingsFormSchema.safeParse({
        ...base,
        accounts: [{ ...account(A), types: ['fax'] }],
      }).success,
    ).toBe(false);
  });

  it('labels every field and column exactly as SCREENS.md §3 does', () => {
    expect(incomingServerRows.map((r) => r.key)).toEqual([...incomingServerFieldKeys]);
    expect(incomingServerRows.map((r) => r.label)).toEqual([
      'Service',
      'Server name',
      'Port',
      'Polling interval',
      'Application (client) ID',
      'Directory (tenant) ID',
      'Authentication flow',
      'Client secret',
    ]);
    expect(incomingAccountColumns.map((c) => c.key)).toEqual([...accountColumnKeys]);
    expect(incomingAccountColumns.map((c) => c.label)).toEqual([
      'Val.',
      'E-mail',
      'User name',
      'Password',
      'Type',
      'Available',
    ]);
  });

  it('lists the eleven types in the guide’s order', () => {
    expect(mailTypes.map((t) => t.label)).toEqual([
      'Monitor-to-Monitor',
      'CRM',
      'SRM',
      'Part',
      'Customer order',
      'Case',
      'Quote',
      'Purchase order',
      'Inquiry',
      'Personnel',
      'Project',
    ]);
  });
});
