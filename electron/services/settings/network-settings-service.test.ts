import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultNetworkSettings, type NetworkSettings } from '../../../shared/settings/network';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { KEYCHAIN_LOCKED_MESSAGE, type SecretVault } from '../keychain/secret-vault';
import { createVersionedVault } from '../keychain/versioned-vault';
import { TRUST_STORE_TEXT, type SystemProxyKind } from '../network/proxy/proxy-summary';
import { ENVIRONMENT_PROXY_NOTICE, createNetworkSettingsService } from './network-settings-service';
import { openSettingsStore } from './settings-store';

const PASSWORD = 'Pr0xy-Passw0rd!';
const manual: NetworkSettings = {
  proxy: 'manual',
  proxyAddress: 'http://proxy.corp.example:8080',
  proxyUser: 'ann',
  noProxyFor: '.corp.example',
};

let dir: string;
const settingsText = () => fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The service over a real settings file and the app's versioned vault on a memory keychain. */
function open(kind: SystemProxyKind = 'electron', keychain = createMemorySecretVault()) {
  const store = openSettingsStore({ dir });
  const vault = createVersionedVault(keychain, store, store.path);
  return { service: createNetworkSettingsService({ store, vault, kind }), keychain };
}

const unavailable = () => new AppError('keychain-unavailable', 'The OS keychain is not available.');

describe('createNetworkSettingsService', () => {
  it('starts with the system proxy, no password, its source and the trust store', async () => {
    const view = await open().service.load();
    expect(view).toEqual({
      settings: defaultNetworkSettings,
      passwordSet: false,
      source: expect.stringContaining("The system's proxy settings"),
      trustStore: TRUST_STORE_TEXT,
      notices: [],
    });
  });

  it('says in the browser host that the system proxy comes from the environment', async () => {
    const { service } = open('environment');
    expect((await service.load()).notices).toEqual([ENVIRONMENT_PROXY_NOTICE]);
    await service.save({ form: manual });
    expect((await service.load()).notices).toEqual([]);
  });

  it('saves the form in the file and the password in the keychain only', async () => {
    const { service, keychain } = open();
    const saved = await service.save({
      form: manual,
      password: { action: 'set', value: PASSWORD },
    });
    expect(saved).toMatchObject({ status: 'saved', view: { settings: manual, passwordSet: true } });
    expect(saved.status === 'saved' && saved.view.source).toBe(
      "Manual (the app's setting): http://proxy.corp.example:8080, as ann; direct for .corp.example.",
    );
    expect(settingsText()).not.toContain(PASSWORD);
    expect(JSON.parse(settingsText()).network).toEqual(manual);

    const again = open('electron', keychain).service;
    expect(await again.load()).toMatchObject({ settings: manual, passwordSet: true });
    await expect((await again.current()).password()).resolves.toBe(PASSWORD);
  });

  it('keeps the password when none is sent, and clears it when asked', async () => {
    const { service } = open();
    await service.save({ form: manual, password: { action: 'set', value: PASSWORD } });
    await service.save({ form: { ...manual, proxyUser: 'bob' } });
    await expect((await service.current()).password()).resolves.toBe(PASSWORD);
    const cleared = await service.save({ form: manual, password: { action: 'clear' } });
    expect(cleared).toMatchObject({ status: 'saved', view: { passwordSet: false } });
    await expect((await service.current()).password()).resolves.toBeUndefined();
  });

  it('validates again and writes nothing when the form is wrong', async () => {
    const { service, keychain } = open();
    const answer = await service.save({
      form: { ...manual, proxyAddress: 'http://proxy.corp.example:8080/x' },
      password: { action: 'set', value: PASSWORD },
    });
    expect(answer).toEqual({
      status: 'invalid',
      errors: [
        { field: 'proxyAddress', message: expect.stringContaining('scheme, host and port') },
      ],
    });
    expect(fs.existsSync(path.join(dir, 'settings.json'))).toBe(false);
    expect(await keychain.accounts('')).toEqual([]);
  });

  it('gives the setting in force afresh on each call, so a Save applies at once', async () => {
    const { service, keychain } = open();
    const before = await service.current();
    expect(before.proxy).toBe('system');
    await service.save({ form: manual });
    expect(await service.current()).toMatchObject(manual);
    // The password is read only when asked for, not when the setting is taken.
    let reads = 0;
    const counting: SecretVault = { ...keychain, read: async (a) => (reads++, keychain.read(a)) };
    const lazy = open('electron', counting).service;
    await lazy.current();
    expect(reads).toBe(0);
  });

  it('opens without a keychain, showing why, and refuses to save a password then', async () => {
    const broken: SecretVault = {
      ...createMemorySecretVault(),
      isSet: async () => Promise.reject(unavailable()),
      set: async () => Promise.reject(unavailable()),
    };
    const { service } = open('electron', broken);
    expect(await service.load()).toMatchObject({
      passwordSet: false,
      notices: ['The OS keychain is not available.'],
    });
    await expect(
      service.save({ form: manual, password: { action: 'set', value: PASSWORD } }),
    ).rejects.toThrow('The OS keychain is not available.');
    expect(fs.existsSync(path.join(dir, 'settings.json'))).toBe(false);
  });

  it('says when the keychain is locked', async () => {
    const locked: SecretVault = { ...createMemorySecretVault(), locked: async () => true };
    expect((await open('electron', locked).service.load()).notices).toEqual([
      KEYCHAIN_LOCKED_MESSAGE,
    ]);
  });
});
