import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
  type IncomingAccount,
  type IncomingSettings,
} from '../../../shared/settings/incoming-settings';
import { createIncomingSettingsService } from '../settings/incoming-settings-service';
import { incomingPasswordAccount } from './entry-names';
import { createKeychainVault } from './secret-vault';

/*
 * Against the real OS keychain (GNOME Keyring through the Secret Service on Linux). CI always has
 * one, so a missing keychain fails these tests instead of skipping them.
 */

const run = promisify(execFile);
const service = `erp-mail-settings-test-${randomUUID()}`;
const vault = createKeychainVault({ service });
const used: string[] = [];
/** A new account name, cleared after the run. */
const fresh = (name: string) => {
  const account = `${name}-${randomUUID()}`;
  used.push(account);
  return account;
};

const howToRun = [
  'These tests need an unlocked OS keychain. `npm test` provides one; to run only these on Linux',
  '(packages gnome-keyring dbus libsecret-1-0 libsecret-tools):',
  `  rm -rf .tmp/keyring && dbus-run-session -- bash -c 'printf npm-test | XDG_DATA_HOME=$PWD/.tmp/keyring gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run electron/services'`,
].join('\n');

/** What the Secret Service itself holds for the account, read with libsecret's own tool. */
const lookUp = async (acc: string): Promise<string | undefined> => {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'account', acc]);
    return stdout;
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  const probe = fresh('probe');
  try {
    await vault.set(probe, 'probe');
    await vault.clear(probe);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${howToRun}`, {
      cause: error,
    });
  }
});

afterAll(async () => {
  await Promise.allSettled(used.map((a) => vault.clear(a)));
});

describe('secret vault on the real keychain', () => {
  it('sets, reports, reads, replaces and clears a secret', async () => {
    const acc = fresh('round-trip');
    expect(await vault.isSet(acc)).toBe(false);
    expect(await vault.read(acc)).toBeUndefined();

    await vault.set(acc, 'first secret ✓');
    expect(await vault.isSet(acc)).toBe(true);
    expect(await vault.read(acc)).toBe('first secret ✓');
    if (process.platform === 'linux') expect(await lookUp(acc)).toBe('first secret ✓');

    await vault.set(acc, 'second');
    expect(await vault.read(acc)).toBe('second');

    await vault.clear(acc);
    expect(await vault.isSet(acc)).toBe(false);
    expect(await vault.read(acc)).toBeUndefined();
    if (process.platform === 'linux') expect(await lookUp(acc)).toBeUndefined();
    await vault.clear(acc);
  });
});

describe('listing accounts on the real keychain', () => {
  it('names the accounts under a prefix, sorted, without their secrets', async () => {
    const prefix = `list-${randomUUID()}.`;
    const [b, a] = [fresh(`${prefix}b`), fresh(`${prefix}a`)];
    await vault.set(b, 'secret-b');
    await vault.set(a, 'secret-a');
    await vault.set(fresh('elsewhere'), 'secret-c');

    const listed = await vault.accounts(prefix);
    expect(listed).toEqual([a, b]);
    expect(JSON.stringify(listed)).not.toContain('secret-');
  });

  it('lets a save of Settings for incoming e-mail remove an orphaned row password', async () => {
    const kept = newIncomingAccount();
    const orphanId = randomUUID();
    used.push(incomingPasswordAccount(kept.id), incomingPasswordAccount(orphanId));
    await vault.set(incomingPasswordAccount(kept.id), 'kept-password');
    await vault.set(incomingPasswordAccount(orphanId), 'orphan-password');
    let saved: IncomingSettings | undefined;
    const service = createIncomingSettingsService({
      store: { getIncoming: () => saved, setIncoming: (settings) => (saved = settings) },
      vault,
    });
    const row: IncomingAccount = {
      ...kept,
      email: 'a@contoso.com',
      userName: 'a@contoso.com',
      types: ['crm'],
    };
    const form = toIncomingSettingsForm(
      {
        ...defaultIncomingSettings,
        clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        tenantId: 'contoso.onmicrosoft.com',
        accounts: [row],
      },
      'en-US',
    );

    expect(await service.save({ form, secrets: {} })).toMatchObject({ status: 'saved' });
    expect(await vault.read(incomingPasswordAccount(kept.id))).toBe('kept-password');
    expect(await vault.isSet(incomingPasswordAccount(orphanId))).toBe(false);
    if (process.platform === 'linux')
      expect(await lookUp(incomingPasswordAccount(orphanId))).toBeUndefined();
  });
});

// D-Bus is how Linux reaches its keychain; macOS and Windows have no session to take away.
describe.runIf(process.platform === 'linux')('secret vault without a D-Bus session', () => {
  it('fails every call with the cause in plain words and writes nothing', async () => {
    const acc = fresh('no-dbus');
    const secret = `secret-${randomUUID()}`;
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(
          import.meta.dirname,
          '..',
          '..',
          '..',
          'test-support',
          'keychain',
          'secret-vault.child.ts',
        ),
        service,
        acc,
        secret,
      ],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dbus-socket' } },
    );
    expect(stdout).not.toContain(secret);
    const results = JSON.parse(stdout) as Record<string, unknown>;
    const expected = {
      ok: false,
      code: 'keychain-unavailable',
      message:
        'The OS keychain is not available: no D-Bus session (Secret Service) was found. Secrets cannot be saved or used until it is.',
    };
    expect(results).toEqual({
      set: expected,
      isSet: expected,
      read: expected,
      clear: expected,
      accounts: expected,
    });

    expect(await vault.isSet(acc)).toBe(false);
    expect(await lookUp(acc)).toBeUndefined();
  });
});
