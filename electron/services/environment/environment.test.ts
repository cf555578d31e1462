import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, ROPC_APP_ID } from '../../demo-tenant/seed';
import { createEnvironment } from './environment';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { openSettingsStore } from '../settings/settings-store';
import { systemSecretAccount } from '../keychain/entry-names';

const dirs: string[] = [];
const newStore = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'environment-'));
  dirs.push(dir);
  return openSettingsStore({ dir });
};
const noTenant = () => Promise.reject(new Error('the prefill needs no demo tenant'));
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the first-run Demo prefill', () => {
  it('fills rows 12, 21–23 and stores row 13’s password once', async () => {
    const store = newStore();
    const vault = createMemorySecretVault();
    await createEnvironment({ store, vault, startTenant: noTenant }).ready;
    expect(store.getSystem()).toMatchObject({
      exchangeUserName: DEMO_USERS.erpService,
      clientId: ROPC_APP_ID,
      authFlow: 'password',
    });
    expect(await vault.read(systemSecretAccount('exchangePassword'))).toBe(DEMO_PASSWORD);
    expect(store.getEnvironment().demoPrefilled).toBe(true);
  });

  it('never overwrites a password already in the keychain', async () => {
    const store = newStore();
    const account = systemSecretAccount('exchangePassword');
    const vault = createMemorySecretVault({ [account]: 'the admin’s own' });
    await createEnvironment({ store, vault, startTenant: noTenant }).ready;
    expect(await vault.read(account)).toBe('the admin’s own');
  });
});
