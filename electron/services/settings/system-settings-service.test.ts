import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import {
  defaultSystemSettings,
  toSystemSettingsForm,
  type SystemSettingsForm,
} from '../../../shared/settings/system-settings';
import type { SystemSettingsSaveInput } from './system-settings-service';
import type { SecretVault } from '../keychain/secret-vault';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { confBacking, openSettingsStore, type BackingFactory } from './settings-store';
import { createSystemSettingsService } from './system-settings-service';

const validForm: SystemSettingsForm = {
  ...toSystemSettingsForm(defaultSystemSettings),
  clientId: '11111111-2222-3333-4444-555555555555',
  tenantId: 'contoso.onmicrosoft.com',
  authFlow: 'client-secret',
};

let dir: string;
const settingsFile = () => path.join(dir, 'settings.json');
const fileBytes = () =>
  fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'system-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A vault that works until the given call, then fails like a keychain that went away. */
function vaultFailingAt(inner: SecretVault, failAt: { method: keyof SecretVault; call: number }) {
  let calls = 0;
  const guard =
    <A extends unknown[], R>(method: keyof SecretVault, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (method === failAt.method && ++calls === failAt.call)
        throw new AppError('keychain-unavailable', 'The OS keychain is not available: test.');
      return fn(...args);
    };
  return {
    set: guard('set', inner.set),
    clear: guard('clear', inner.clear),
    isSet: guard('isSet', inner.isSet),
    read: guard('read', inner.read),
    accounts: guard('accounts', inner.accounts),
  } satisfies SecretVault;
}

/** conf that reads normally but whose writes fail with the given error code. */
const failingWrites =
  (code: string): BackingFactory =>
  (options) => {
    const conf = confBacking(options);
    return {
      path: conf.path,
      get store() {
        return conf.store;
      },
      set store(_value: Record<string, unknown>) {
        throw Object.assign(new Error('write failed'), { code });
      },
    };
  };

const setup = (vault: SecretVault, createBacking: BackingFactory = confBacking) => {
  const store = openSettingsStore({ dir, createBacking });
  return { store, service: createSystemSettingsService({ store, vault }) };
};

const save = (input: Partial<SystemSettingsSaveInput>) => ({
  form: validForm,
  secrets: {},
  ...input,
});

describe('load', () => {
  it('gives the settings, the secrets as flags only, and the store notices once', async () => {
    fs.writeFileSync(settingsFile(), '{broken');
    const vault = createMemorySecretVault({ 'system.smtpPassword': 'pw' });
    const { service } = setup(vault);

    const first = await service.load();
    expect(first.settings).toEqual(defaultSystemSettings);
    expect(first.secretsSet).toEqual({
      exchangePassword: false,
      smtpPassword: true,
      clientSecret: false,
    });
    expect(first.notices).toEqual([expect.stringContaining('not valid JSON')]);
    expect((await service.load()).notices).toEqual([]);
  });

  it('still opens without a keychain: secrets show as not set and the cause is a notice', async () => {
    const { service } = setup(
      vaultFailingAt(createMemorySecretVault(), { method: 'isSet', call: 1 }),
    );
    const view = await service.load();
    expect(view.secretsSet).toEqual({
      exchangePassword: false,
      smtpPassword: false,
      clientSecret: false,
    });
    expect(view.notices).toEqual(['The OS keychain is not available: test.']);
  });
});

describe('save', () => {
  it('saves values and secrets together and answers with the new view', async () => {
    const vault = createMemorySecretVault({ 'system.smtpPassword': 'old' });
    const { service } = setup(vault);
    const result = await service.save(
      save({
        secrets: {
          clientSecret: { action: 'set', value: 's3cret' },
          smtpPassword: { action: 'clear' },
        },
      }),
    );

    expect(result).toMatchObject({
      status: 'saved',
      view: {
        settings: { tenantId: 'contoso.onmicrosoft.com', authFlow: 'client-secret' },
        secretsSet: { clientSecret: true, smtpPassword: false, exchangePassword: false },
      },
    });
    expect(await vault.read('system.clientSecret')).toBe('s3cret');
    expect(await vault.isSet('system.smtpPassword')).toBe(false);
    expect(JSON.parse(fileBytes() ?? '')).toMatchObject({
      system: { tenantId: 'contoso.onmicrosoft.com' },
    });
    expect(fileBytes()).not.toContain('s3cret');
  });

  it('refuses invalid values and writes nothing, neither file nor keychain', async () => {
    const vault = createMemorySecretVault();
    const { service } = setup(vault);
    const result = await service.save(
      save({
        form: { ...validForm, port: '70000' },
        secrets: { clientSecret: { action: 'set', value: 's3cret' } },
      }),
    );
    expect(result).toEqual({
      status: 'invalid',
      errors: [
        {
          field: 'port',
          message: 'Port must be between 0 and 65535: enter a number in that range',
        },
      ],
    });
    expect(fileBytes()).toBeNull();
    expect(await vault.isSet('system.clientSecret')).toBe(false);
  });

  it('validates against the stored secrets: a client secret flow needs one', async () => {
    const { service } = setup(createMemorySecretVault());
    expect(await service.save(save({}))).toEqual({
      status: 'invalid',
      errors: [
        {
          field: 'clientSecret',
          message:
            'Client secret is missing: paste the secret’s Value from Certificates & secrets, or choose User name/Password in Authentication flow',
        },
      ],
    });
  });

  it('undoes the secrets already changed when the keychain fails mid-way, file unchanged', async () => {
    const inner = createMemorySecretVault({
      'system.exchangePassword': 'old-exchange',
      'system.clientSecret': 'old-client',
    });
    // Changes apply in the order exchangePassword, smtpPassword, clientSecret: the 2nd set fails.
    const { store, service } = setup(vaultFailingAt(inner, { method: 'set', call: 2 }));
    store.setSystem({ ...defaultSystemSettings, port: 25 });
    const before = fileBytes();

    await expect(
      service.save(
        save({
          secrets: {
            exchangePassword: { action: 'clear' },
            smtpPassword: { action: 'set', value: 'new-smtp' },
            clientSecret: { action: 'set', value: 'new-client' },
          },
        }),
      ),
    ).rejects.toMatchObject({ code: 'keychain-unavailable' });

    expect(await inner.read('system.exchangePassword')).toBe('old-exchange');
    expect(await inner.isSet('system.smtpPassword')).toBe(false);
    expect(await inner.read('system.clientSecret')).toBe('old-client');
    expect(fileBytes()).toBe(before);
  });

  it('restores the secrets when the settings file cannot be written', async () => {
    const vault = createMemorySecretVault({ 'system.clientSecret': 'old-client' });
    const { service } = setup(vault, failingWrites('EROFS'));

    await expect(
      service.save(
        save({
          secrets: {
            clientSecret: { action: 'set', value: 'new-client' },
            exchangePassword: { action: 'set', value: 'new-exchange' },
          },
        }),
      ),
    ).rejects.toMatchObject({ code: 'storage-failed', message: expect.stringContaining('EROFS') });

    expect(await vault.read('system.clientSecret')).toBe('old-client');
    expect(await vault.isSet('system.exchangePassword')).toBe(false);
    expect(fileBytes()).toBeNull();
  });

  it('says so when even undoing the secrets fails', async () => {
    const stored = createMemorySecretVault({ 'system.clientSecret': 'c' });
    const vault = vaultFailingAt(stored, { method: 'clear', call: 1 });
    const { service } = setup(vault, failingWrites('ENOSPC'));
    await expect(
      service.save(save({ secrets: { exchangePassword: { action: 'set', value: 'x' } } })),
    ).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringMatching(/ENOSPC.*Restoring the previous secrets failed too/),
    });
  });
});
