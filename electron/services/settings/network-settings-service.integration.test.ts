import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { NetworkSettings } from '../../../shared/settings/network';
import { createKeychainVault } from '../keychain/secret-vault';
import { createVersionedVault } from '../keychain/versioned-vault';
import { createNetworkSettingsService } from './network-settings-service';
import { openSettingsStore } from './settings-store';

/*
 * Against the real OS keychain (run under scripts/with-private-keyring.sh, as `npm test` does):
 * the proxy password goes to the keychain and never into the settings file.
 */

const keychainService = `erp-mail-network-test-${randomUUID()}`;
const keychain = createKeychainVault({ service: keychainService });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-keychain-'));
const PASSWORD = `Proxy-${randomUUID()}`;

afterAll(async () => {
  for (const entry of await keychain.accounts('')) await keychain.clear(entry);
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = () => {
  const store = openSettingsStore({ dir });
  const vault = createVersionedVault(keychain, store, store.path);
  return createNetworkSettingsService({ store, vault, kind: 'environment' });
};

it('stores the proxy password in the OS keychain, never in the settings file', async () => {
  const form: NetworkSettings = {
    proxy: 'manual',
    proxyAddress: 'http://proxy.corp.example:8080',
    proxyUser: 'ann',
    noProxyFor: '',
  };
  const saved = await open().save({ form, password: { action: 'set', value: PASSWORD } });
  expect(saved).toMatchObject({ status: 'saved', view: { passwordSet: true } });

  const file = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
  expect(file).not.toContain(PASSWORD);
  expect(JSON.parse(file)).toMatchObject({ network: form });
  const entries = await keychain.accounts('network.');
  expect(entries).toHaveLength(1);

  // The next start reads it back from the keychain.
  const again = open();
  expect(await again.load()).toMatchObject({ settings: form, passwordSet: true });
  await expect((await again.current()).password()).resolves.toBe(PASSWORD);
});
