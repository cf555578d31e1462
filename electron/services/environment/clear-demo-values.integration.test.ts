import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import {
  defaultIncomingSettings,
  newIncomingAccount,
} from '../../../shared/settings/incoming-settings';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_DOMAIN,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
  demoSeed,
} from '../../demo-tenant/seed';
import {
  INCOMING_CLIENT_SECRET_ACCOUNT,
  incomingPasswordAccount,
  systemSecretAccount,
} from '../keychain/entry-names';
import { createKeychainVault, KEYCHAIN_LOCKED_MESSAGE } from '../keychain/secret-vault';
import { createVersionedVault } from '../keychain/versioned-vault';
import { confBacking, openSettingsStore, type SettingsStore } from '../settings/settings-store';
import { clearDemoValues, findDemoValues, type DemoValuesDeps } from './clear-demo-values';

/*
 * "Use Microsoft 365 and clear demo values" on the real keychain (run under
 * scripts/with-private-keyring.sh): every value equal to the demo tenant's goes, from both
 * procedures and the keychain, in one save; the admin's own values stay; a keychain or a file
 * that fails on the way leaves everything as it was.
 */

const inner = createKeychainVault({ service: `erp-mail-demo-values-${randomUUID()}` });
const dirs: string[] = [];
afterAll(async () => {
  for (const entry of await inner.accounts('')) await inner.clear(entry);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const demoRow = {
  ...newIncomingAccount(),
  email: DEMO_USERS.erpService,
  userName: DEMO_USERS.erpService,
  types: ['crm' as const],
};
const ownRow = {
  ...newIncomingAccount(),
  email: 'orders@contoso.com',
  userName: 'orders@contoso.com',
  types: ['quote' as const],
};
const SUPPORT_SECRET = 'Sup8Q~AddedDuringTheDemoByTheSupportTeam-01';

/** A settings folder whose file can be made to refuse its next write (as a full disk would). */
async function openFolder() {
  const dir = await mkdtemp(path.join(tmpdir(), 'demo-values-'));
  dirs.push(dir);
  let refuseNextWrite = false;
  const store = openSettingsStore({
    dir,
    createBacking: (options) => {
      const backing = confBacking(options);
      return {
        path: backing.path,
        get store() {
          return backing.store;
        },
        set store(value) {
          if (refuseNextWrite) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
          backing.store = value;
        },
      };
    },
  });
  return { store, refuseWrites: (on: boolean) => (refuseNextWrite = on) };
}

/** The Demo as a tester leaves it: demo values in both procedures, a few values of their own. */
async function demoAsLeft(store: SettingsStore) {
  const vault = createVersionedVault(inner, store, store.path);
  store.setSections({
    system: {
      ...store.getSystem(),
      backupSender: 'it@contoso.com',
      exchangeUserName: DEMO_USERS.erpService,
      smtpUserName: DEMO_USERS.erpService.toUpperCase(),
      clientId: ROPC_APP_ID,
      tenantId: DEMO_DOMAIN,
    },
    incoming: {
      ...defaultIncomingSettings,
      clientId: CLIENT_SECRET_APP_ID,
      tenantId: DEMO_TENANT_ID,
      accounts: [demoRow, ownRow],
    },
  });
  await vault.set(systemSecretAccount('exchangePassword'), DEMO_PASSWORD);
  await vault.set(systemSecretAccount('smtpPassword'), DEMO_PASSWORD);
  await vault.set(systemSecretAccount('clientSecret'), SUPPORT_SECRET);
  await vault.set(INCOMING_CLIENT_SECRET_ACCOUNT, DEMO_SECRET_VALUE);
  await vault.set(incomingPasswordAccount(demoRow.id), DEMO_PASSWORD);
  await vault.set(incomingPasswordAccount(ownRow.id), 'the-admins-own');
  return vault;
}

/** The tenant as support left it: one more client secret than the seed. */
const tenant = async () => {
  const data = demoSeed();
  data.apps[0]?.secrets.push({
    keyId: randomUUID(),
    displayName: 'Support',
    value: SUPPORT_SECRET,
    hint: 'Sup',
    expiresAt: '2099-01-01T00:00:00Z',
  });
  return data;
};

const ALL_CLEARED = {
  system: [
    'User name (Exchange)',
    'User name (SMTP)',
    'Password (Exchange)',
    'Password (SMTP)',
    'Client secret',
    'Application (client) ID',
    'Directory (tenant) ID',
  ],
  incoming: [
    '1 demo account in E-mail accounts (with their passwords)',
    'Application (client) ID',
    'Directory (tenant) ID',
    'Client secret',
  ],
};

describe('clearing the demo tenant’s values', () => {
  let folder: Awaited<ReturnType<typeof openFolder>>;
  let deps: DemoValuesDeps;
  beforeEach(async () => {
    folder = await openFolder();
    deps = { store: folder.store, vault: await demoAsLeft(folder.store), tenant };
  });

  it('finds every demo value and clears them all in one save, keeping the admin’s own', async () => {
    expect((await findDemoValues(deps)).cleared).toEqual(ALL_CLEARED);
    expect(await clearDemoValues(deps)).toEqual(ALL_CLEARED);

    // What the next start reads: the file and the keychain behind it.
    const again = openSettingsStore({ dir: path.dirname(folder.store.path) });
    const vault = createVersionedVault(inner, again, again.path);
    expect(again.getEnvironment().name).toBe('microsoft365');
    expect(again.getSystem()).toMatchObject({
      backupSender: 'it@contoso.com',
      exchangeUserName: '',
      smtpUserName: '',
      clientId: '',
      tenantId: '',
    });
    expect(again.getIncoming()).toMatchObject({ clientId: '', tenantId: '', accounts: [ownRow] });
    for (const key of ['exchangePassword', 'smtpPassword', 'clientSecret'] as const)
      expect(await vault.isSet(systemSecretAccount(key)), key).toBe(false);
    expect(await vault.isSet(INCOMING_CLIENT_SECRET_ACCOUNT)).toBe(false);
    expect(await vault.isSet(incomingPasswordAccount(demoRow.id))).toBe(false);
    expect(await vault.read(incomingPasswordAccount(ownRow.id))).toBe('the-admins-own');
    expect((await findDemoValues({ ...deps, store: again, vault })).cleared).toEqual({
      system: [],
      incoming: [],
    });
  });

  it('changes nothing when the settings file cannot be written', async () => {
    const before = await readFile(folder.store.path, 'utf8');
    folder.refuseWrites(true);
    await expect(clearDemoValues(deps)).rejects.toMatchObject({ code: 'storage-failed' });
    folder.refuseWrites(false);
    expect(await readFile(folder.store.path, 'utf8')).toBe(before);
    expect(folder.store.getEnvironment().name).toBe('demo');
    expect(await deps.vault.read(systemSecretAccount('smtpPassword'))).toBe(DEMO_PASSWORD);
    expect((await findDemoValues(deps)).cleared).toEqual(ALL_CLEARED);
  });

  it('changes nothing when the keychain locks half-way through reading the secrets', async () => {
    const before = await readFile(folder.store.path, 'utf8');
    let reads = 0;
    const locking: DemoValuesDeps['vault'] = {
      ...deps.vault,
      read: async (account) => {
        reads += 1;
        if (reads > 1) throw new AppError('keychain-locked', KEYCHAIN_LOCKED_MESSAGE);
        return deps.vault.read(account);
      },
    };
    await expect(clearDemoValues({ ...deps, vault: locking })).rejects.toThrow(
      KEYCHAIN_LOCKED_MESSAGE,
    );
    expect(await readFile(folder.store.path, 'utf8')).toBe(before);
    expect(await deps.vault.read(INCOMING_CLIENT_SECRET_ACCOUNT)).toBe(DEMO_SECRET_VALUE);
  });
});
