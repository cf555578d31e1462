import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingAccount,
  type IncomingSecretChanges,
  type IncomingSettings,
} from '../../../shared/settings/incoming-settings';
import type { SecretVault } from '../keychain/secret-vault';
import {
  createIncomingSettingsService,
  type IncomingSettingsStore,
} from './incoming-settings-service';
import { INCOMING_CLIENT_SECRET_ACCOUNT, incomingPasswordAccount } from '../keychain/entry-names';
import { UNSAVED_SECRET, basisOf } from '../../../shared/settings/validation-basis';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { createVersionedVault, type SecretRefs } from '../keychain/versioned-vault';

const A = '0b6f3c5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const B = '1c7a4d6f-2e3b-4d4c-8f9a-8b7c6d5e4f3a';

const row = (id: string, email: string): IncomingAccount => ({
  ...newIncomingAccount(id),
  email,
  userName: email,
  types: ['customer-order'],
});

/** A store that keeps the section in memory and can be told to fail its next write. */
function memoryStore(initial?: IncomingSettings) {
  let saved = initial;
  let failNext = false;
  const store: IncomingSettingsStore = {
    getIncoming: () => saved,
    setIncoming: (settings) => {
      if (failNext) throw new AppError('storage-failed', 'The settings could not be written.');
      saved = structuredClone(settings);
    },
  };
  return { store, saved: () => saved, failNextWrite: () => (failNext = true) };
}

/** What the keychain holds, read through the SecretVault interface. */
const contents = async (vault: SecretVault, ids: string[]) => {
  const entries: Record<string, string> = {};
  for (const account of [INCOMING_CLIENT_SECRET_ACCOUNT, ...ids.map(incomingPasswordAccount)]) {
    const value = await vault.read(account);
    if (value !== undefined) entries[account] = value;
  }
  return entries;
};

const entra: IncomingSettings = {
  ...defaultIncomingSettings,
  clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  tenantId: 'contoso.onmicrosoft.com',
};
const formOf = (settings: Partial<IncomingSettings>) =>
  toIncomingSettingsForm({ ...entra, ...settings }, 'sv-SE');

function setup(initial?: IncomingSettings, secrets: Record<string, string> = {}) {
  const vault = createMemorySecretVault(secrets);
  const memory = memoryStore(initial);
  const service = createIncomingSettingsService({ store: memory.store, vault });
  return { vault, memory, service };
}

describe('createIncomingSettingsService', () => {
  it('loads the defaults with nothing set before the first save', async () => {
    const { service } = setup();
    expect(await service.load()).toEqual({
      settings: defaultIncomingSettings,
      secretsSet: { clientSecret: false, passwords: {} },
      secretVersions: { passwords: {} },
      notices: [],
    });
  });

  it('saves rows with their passwords in the keychain under each row’s id, never in the file', async () => {
    const { service, memory, vault } = setup();
    const secrets: IncomingSecretChanges = {
      passwords: {
        [A]: { action: 'set', value: 'pw-A-secret' },
        [B]: { action: 'set', value: 'pw-B-secret' },
      },
    };
    const result = await service.save({
      form: formOf({ accounts: [row(A, 'a@contoso.com'), row(B, 'b@contoso.com')] }),
      secrets,
    });

    expect(result.status).toBe('saved');
    if (result.status !== 'saved') return;
    expect(result.view.secretsSet).toEqual({
      clientSecret: false,
      passwords: { [A]: true, [B]: true },
    });
    expect(result.view.settings.accounts.map((a) => a.email)).toEqual([
      'a@contoso.com',
      'b@contoso.com',
    ]);
    expect(await contents(vault, [A, B])).toEqual({
      [incomingPasswordAccount(A)]: 'pw-A-secret',
      [incomingPasswordAccount(B)]: 'pw-B-secret',
    });
    expect(incomingPasswordAccount(A)).toBe(`incoming.account.${A}.password`);
    expect(JSON.stringify(memory.saved())).not.toMatch(/pw-[AB]-secret/);
  });

  it('removes a deleted row’s password from the keychain when the deletion is saved', async () => {
    const initial = {
      ...entra,
      accounts: [row(A, 'a@contoso.com'), row(B, 'b@contoso.com')],
    };
    const { service, vault } = setup(initial, {
      [incomingPasswordAccount(A)]: 'pw-A',
      [incomingPasswordAccount(B)]: 'pw-B',
    });

    const result = await service.save({
      form: formOf({ ...initial, accounts: [row(A, 'a@contoso.com')] }),
      secrets: {},
    });

    expect(result.status).toBe('saved');
    expect(await contents(vault, [A, B])).toEqual({ [incomingPasswordAccount(A)]: 'pw-A' });
  });

  it('ignores a password sent for a row that is not in the form, so no entry is orphaned', async () => {
    const { service, vault } = setup();
    await service.save({
      form: formOf({ accounts: [row(A, 'a@contoso.com')] }),
      secrets: {
        passwords: { [A]: { action: 'set', value: 'pw-A' }, [B]: { action: 'set', value: 'pw-B' } },
      },
    });
    expect(await contents(vault, [A, B])).toEqual({ [incomingPasswordAccount(A)]: 'pw-A' });
  });

  it('keeps, replaces and clears the Client secret', async () => {
    const { service, vault } = setup(undefined, { [INCOMING_CLIENT_SECRET_ACCOUNT]: 'old' });
    const form = formOf({ authFlow: 'client-secret', accounts: [row(A, 'a@contoso.com')] });

    expect((await service.save({ form, secrets: {} })).status).toBe('saved');
    expect(await vault.read(INCOMING_CLIENT_SECRET_ACCOUNT)).toBe('old');

    await service.save({ form, secrets: { clientSecret: { action: 'set', value: 'new' } } });
    expect(await vault.read(INCOMING_CLIENT_SECRET_ACCOUNT)).toBe('new');

    const cleared = await service.save({
      form: { ...form, authFlow: 'password' },
      secrets: {
        clientSecret: { action: 'clear' },
        passwords: { [A]: { action: 'set', value: 'pw' } },
      },
    });
    expect(cleared.status === 'saved' && cleared.view.secretsSet.clientSecret).toBe(false);
    expect(await vault.isSet(INCOMING_CLIENT_SECRET_ACCOUNT)).toBe(false);
  });

  it('refuses an invalid form in main and writes nothing', async () => {
    const { service, memory, vault } = setup();
    const result = await service.save({
      form: formOf({ clientId: '', accounts: [row(A, 'a@contoso.com')] }),
      secrets: {
        passwords: { [A]: { action: 'set', value: 'pw-A' } },
        clientSecret: { action: 'set', value: 's' },
      },
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: [
        {
          field: 'clientId',
          message:
            'Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
        },
      ],
    });
    expect(memory.saved()).toBeUndefined();
    expect(await contents(vault, [A])).toEqual({});
  });

  it('checks each row’s password against the keychain, not the UI’s word', async () => {
    const { service } = setup();
    const result = await service.save({
      form: formOf({ accounts: [row(A, 'a@contoso.com')] }),
      secrets: {},
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: [
        {
          field: `accounts.${A}.password`,
          message: 'Incorrect value: enter the mailbox’s password',
        },
      ],
    });
  });

  it('puts the keychain back as it was when the settings file cannot be written', async () => {
    const initial = {
      ...entra,
      accounts: [row(A, 'a@contoso.com'), row(B, 'b@contoso.com')],
    };
    const before = { [incomingPasswordAccount(A)]: 'pw-A', [incomingPasswordAccount(B)]: 'pw-B' };
    const { service, memory, vault } = setup(initial, before);
    memory.failNextWrite();

    await expect(
      service.save({
        form: formOf({ ...initial, accounts: [row(A, 'a@contoso.com')] }),
        secrets: {
          passwords: { [A]: { action: 'set', value: 'changed' } },
          clientSecret: { action: 'set', value: 'new secret' },
        },
      }),
    ).rejects.toThrow('The settings could not be written.');

    expect(await contents(vault, [A, B])).toEqual(before);
    expect(memory.saved()).toEqual(initial);
  });

  it('removes every row password whose row is gone, even one the stored settings never listed', async () => {
    const C = '2d8b5e7a-3f4c-4e5d-9a0b-9c8d7e6f5a4b';
    const initial = { ...entra, accounts: [row(A, 'a@contoso.com')] };
    const { service, vault } = setup(initial, {
      [incomingPasswordAccount(A)]: 'pw-A',
      // Left behind by a save interrupted before its file write, so not in the stored settings.
      [incomingPasswordAccount(C)]: 'orphan',
      [INCOMING_CLIENT_SECRET_ACCOUNT]: 'client',
      'system.exchangePassword': 'system',
    });

    await service.save({ form: formOf(initial), secrets: {} });

    expect(await vault.accounts('')).toEqual([
      incomingPasswordAccount(A),
      INCOMING_CLIENT_SECRET_ACCOUNT,
      'system.exchangePassword',
    ]);
  });

  it('puts a swept password back when the settings file cannot be written', async () => {
    const initial = { ...entra, accounts: [row(A, 'a@contoso.com')] };
    const before = { [incomingPasswordAccount(A)]: 'pw-A', [incomingPasswordAccount(B)]: 'pw-B' };
    const { service, memory, vault } = setup(initial, before);
    memory.failNextWrite();

    await expect(service.save({ form: formOf(initial), secrets: {} })).rejects.toThrow(
      'The settings could not be written.',
    );
    expect(await contents(vault, [A, B])).toEqual(before);
  });

  it('undoes earlier keychain writes when a later one fails', async () => {
    const inner = createMemorySecretVault({ [incomingPasswordAccount(A)]: 'pw-A' });
    const vault: SecretVault = {
      ...inner,
      set: async (account, value) => {
        if (account === incomingPasswordAccount(B))
          throw new AppError('keychain-unavailable', 'The OS keychain is locked.');
        await inner.set(account, value);
      },
    };
    const memory = memoryStore();
    const service = createIncomingSettingsService({ store: memory.store, vault });

    await expect(
      service.save({
        form: formOf({ accounts: [row(A, 'a@contoso.com'), row(B, 'b@contoso.com')] }),
        secrets: {
          passwords: {
            [A]: { action: 'set', value: 'new' },
            [B]: { action: 'set', value: 'pw-B' },
          },
        },
      }),
    ).rejects.toThrow('The OS keychain is locked.');
    expect(await contents(inner, [A, B])).toEqual({ [incomingPasswordAccount(A)]: 'pw-A' });
    expect(memory.saved()).toBeUndefined();
  });

  it('opens without a keychain, saying why, and refuses to save without one', async () => {
    const unavailable = new AppError(
      'keychain-unavailable',
      'The OS keychain is not available: no D-Bus session.',
    );
    const broken: SecretVault = {
      set: () => Promise.reject(unavailable),
      clear: () => Promise.reject(unavailable),
      isSet: () => Promise.reject(unavailable),
      read: () => Promise.reject(unavailable),
      accounts: () => Promise.reject(unavailable),
    };
    const initial = { ...entra, accounts: [row(A, 'a@contoso.com')] };
    const memory = memoryStore(initial);
    const service = createIncomingSettingsService({ store: memory.store, vault: broken });

    expect(await service.load()).toEqual({
      settings: initial,
      secretsSet: { clientSecret: false, passwords: { [A]: false } },
      secretVersions: { passwords: {} },
      notices: [unavailable.message],
    });
    await expect(service.save({ form: formOf(initial), secrets: {} })).rejects.toBe(unavailable);
  });

  it('keeps a row’s validation result across a save and a reload', async () => {
    const validated: IncomingAccount = {
      ...row(A, 'a@contoso.com'),
      validation: {
        status: 'ok',
        at: '2025-05-01T10:00:00.000Z',
        total: 12,
        unread: 2,
        newest: ['Order 1001'],
      },
    };
    const { service } = setup(undefined, { [incomingPasswordAccount(A)]: 'pw-A' });
    await service.save({ form: formOf({ accounts: [validated] }), secrets: {} });
    expect((await service.load()).settings.accounts[0]?.validation).toEqual(validated.validation);
  });

  it('names a new version of a stored secret each time it is saved, and never the secret', async () => {
    const { service } = versionedSetup();
    const save = (value: string) =>
      service.save({
        form: formOf({ accounts: [row(A, 'a@contoso.com')] }),
        secrets: { passwords: { [A]: { action: 'set', value } } },
      });
    await save('pw-A-first');
    const first = (await service.load()).secretVersions.passwords[A];
    await save('pw-A-second');
    const second = (await service.load()).secretVersions.passwords[A];

    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
  });

  it('ties a validation made with a typed password to the version this save stored', async () => {
    const { service, memory } = versionedSetup();
    const basis = basisOf(formOf({}), 'demo', UNSAVED_SECRET);
    const validated: IncomingAccount = {
      ...row(A, 'a@contoso.com'),
      validation: {
        status: 'ok',
        at: '2025-05-01T10:00:00.000Z',
        total: 1,
        unread: 0,
        newest: [],
        basis,
      },
    };
    const other: IncomingAccount = {
      ...row(B, 'b@contoso.com'),
      validation: { ...validated.validation!, basis },
    };
    const rows = [row(A, 'a@contoso.com'), row(B, 'b@contoso.com')];
    const stored = { action: 'set', value: 'pw-stored' } as const;
    await service.save({
      form: formOf({ accounts: rows }),
      secrets: { passwords: { [A]: stored, [B]: stored } },
    });
    const result = await service.save({
      form: formOf({ accounts: [validated, other] }),
      secrets: { passwords: { [A]: { action: 'set', value: 'pw-A' } } },
    });

    if (result.status !== 'saved') throw new Error(result.status);
    const [a, b] = memory.saved()?.accounts ?? [];
    expect(a?.validation?.basis?.secret).toBe(result.view.secretVersions.passwords[A]);
    // B's typed password was not saved: its result still names an unsaved secret.
    expect(b?.validation?.basis?.secret).toBe(UNSAVED_SECRET);
    expect(result.view.settings.accounts[0]?.validation?.basis?.secret).toBe(
      result.view.secretVersions.passwords[A],
    );
  });
});

/** The service over the app's versioned vault (references kept in memory). */
function versionedSetup() {
  let refs: Record<string, string> = {};
  const secretRefs: SecretRefs = {
    getSecretRefs: () => ({ ...refs }),
    commitSecretRefs: (next, write) => {
      write();
      refs = { ...next };
    },
  };
  const vault = createVersionedVault(createMemorySecretVault(), secretRefs, '/a/settings.json');
  const memory = memoryStore();
  return { memory, service: createIncomingSettingsService({ store: memory.store, vault }) };
}
