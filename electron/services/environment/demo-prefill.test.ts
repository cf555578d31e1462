import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { DEMO_PASSWORD } from '../../demo-tenant/seed';
import { DEMO_SECRET_RESTORED } from './demo-prefill';
import { createEnvironment } from './environment';
import { openSettingsStore } from '../settings/settings-store';
import { systemSecretAccount } from '../keychain/entry-names';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const account = systemSecretAccount('exchangePassword');
const noTenant = () => Promise.reject(new Error('the Demo setup needs no demo tenant'));

/** A settings folder after a first start in Demo, opened again as the next start does. */
async function afterFirstStart() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-secrets-'));
  dirs.push(dir);
  const first = createMemorySecretVault();
  await createEnvironment({
    store: openSettingsStore({ dir }),
    vault: first,
    startTenant: noTenant,
  }).ready;
  return { reopen: () => openSettingsStore({ dir }) };
}

const start = async (store: ReturnType<typeof openSettingsStore>, initial = {}) => {
  const vault = createMemorySecretVault(initial);
  await createEnvironment({ store, vault, startTenant: noTenant }).ready;
  return vault;
};

describe('the Demo setup on a later start', () => {
  it('puts the demo password back into a new keychain and says so once', async () => {
    const store = (await afterFirstStart()).reopen();
    const vault = await start(store);
    expect(await vault.read(account)).toBe(DEMO_PASSWORD);
    expect(store.takeNotices()).toEqual([DEMO_SECRET_RESTORED]);
    expect(store.takeNotices()).toEqual([]);
  });

  it('never replaces a password in the keychain, and then says nothing', async () => {
    const store = (await afterFirstStart()).reopen();
    const vault = await start(store, { [account]: 'the admin’s own' });
    expect(await vault.read(account)).toBe('the admin’s own');
    expect(store.takeNotices()).toEqual([]);
  });

  it('leaves rows the admin changed alone, and Microsoft 365 too', async () => {
    const changed = (await afterFirstStart()).reopen();
    changed.setSystem({ ...changed.getSystem(), exchangeUserName: 'erp@contoso.com' });
    expect(await (await start(changed)).isSet(account)).toBe(false);

    const microsoft365 = (await afterFirstStart()).reopen();
    microsoft365.setEnvironment({ ...microsoft365.getEnvironment(), name: 'microsoft365' });
    expect(await (await start(microsoft365)).isSet(account)).toBe(false);
    expect([...changed.takeNotices(), ...microsoft365.takeNotices()]).toEqual([]);
  });

  it('is silent on the first start, which stores the password as the prefill', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-secrets-'));
    dirs.push(dir);
    const store = openSettingsStore({ dir });
    expect(await (await start(store)).read(account)).toBe(DEMO_PASSWORD);
    expect(store.takeNotices()).toEqual([]);
  });
});
