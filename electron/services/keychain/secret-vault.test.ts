import { describe, expect, it } from 'vitest';
import { noKeychainLock, type KeychainLock } from './keychain-lock';
import { KEYCHAIN_LOCKED_MESSAGE, createKeychainVault, type KeytarApi } from './secret-vault';

const failingKeytar = (message: string): KeytarApi => {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
};

const vaultFailingWith = (message: string) =>
  createKeychainVault({
    service: 'test',
    loadKeytar: async () => failingKeytar(message),
    lock: noKeychainLock,
  });

describe('createKeychainVault when the keychain fails', () => {
  it.each([
    ['Could not connect: No such file or directory', 'no D-Bus session (Secret Service) was found'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no D-Bus session (Secret Service) was found'],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no Secret Service (such as GNOME Keyring) is running',
    ],
  ])('names the cause of "%s"', async (raw, cause) => {
    const vault = vaultFailingWith(raw);
    for (const attempt of [
      () => vault.set('a', 'hunter2'),
      () => vault.clear('a'),
      () => vault.isSet('a'),
      () => vault.read('a'),
      () => vault.accounts('a'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        name: 'AppError',
        code: 'keychain-unavailable',
        message: expect.stringContaining(`The OS keychain is not available: ${cause}`),
      });
    }
  });

  it('says libsecret is missing when the native module cannot be loaded', async () => {
    const vault = createKeychainVault({
      service: 'test',
      loadKeytar: async () => {
        throw new Error('Failed to load keytar native addon, checked [...]');
      },
      lock: noKeychainLock,
    });
    await expect(vault.set('a', 'hunter2')).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringContaining('libsecret is probably not installed'),
    });
  });

  it('never repeats the secret when it passes on an unknown message', async () => {
    const vault = vaultFailingWith('Item hunter2 rejected');
    const error = await vault.set('a', 'hunter2').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'keychain-unavailable' });
    expect((error as Error).message).toContain('the keychain refused the request');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('createKeychainVault', () => {
  it('maps keytar answers to set/clear/isSet/read/accounts under its service name', async () => {
    const entries = new Map<string, string>();
    const keytar: KeytarApi = {
      getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
      setPassword: async (s, a, p) => {
        entries.set(`${s}/${a}`, p);
      },
      deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
      findCredentials: async (s) =>
        [...entries]
          .filter(([key]) => key.startsWith(`${s}/`))
          .map(([key, password]) => ({ account: key.slice(s.length + 1), password })),
    };
    const vault = createKeychainVault({
      service: 'svc',
      loadKeytar: async () => keytar,
      lock: noKeychainLock,
    });
    expect(await vault.isSet('a')).toBe(false);
    expect(await vault.read('a')).toBeUndefined();
    await vault.set('a', 'v');
    expect(entries.get('svc/a')).toBe('v');
    expect(await vault.isSet('a')).toBe(true);
    expect(await vault.read('a')).toBe('v');
    await vault.clear('a');
    await vault.clear('a');
    expect(await vault.isSet('a')).toBe(false);
  });

  it('lists account names under a prefix, sorted, and never their secrets', async () => {
    const keytar: KeytarApi = {
      getPassword: async () => null,
      setPassword: async () => {},
      deletePassword: async () => false,
      findCredentials: async () => [
        { account: 'incoming.account.b.password', password: 'pw-b' },
        { account: 'system.clientSecret', password: 'cs' },
        { account: 'incoming.account.a.password', password: 'pw-a' },
      ],
    };
    const vault = createKeychainVault({
      service: 'svc',
      loadKeytar: async () => keytar,
      lock: noKeychainLock,
    });
    expect(await vault.accounts('incoming.account.')).toEqual([
      'incoming.account.a.password',
      'incoming.account.b.password',
    ]);
  });
});

/**
 * keytar on a locked collection, as it behaves over the real Secret Service: nothing found, a
 * write refused, nothing deleted; findCredentials crashes the process, so it must never be called.
 */
const lockedKeytar = (state: { locked: boolean }, stored = 'stored'): KeytarApi => ({
  getPassword: async () => (state.locked ? null : stored),
  setPassword: async () => {
    if (state.locked) throw new Error('Cannot create an item in a locked collection');
  },
  deletePassword: async () => !state.locked,
  findCredentials: async () => {
    if (state.locked) throw new Error('findCredentials was called on a locked keychain');
    return [];
  },
});

/** A keychain that stays locked, or opens when asked to; counts the prompts. */
const fakeLock = (opensWhenAsked: boolean, stored: string[] = []) => {
  const state = { locked: true, prompts: 0 };
  const lock: KeychainLock = {
    isLocked: async () => state.locked,
    isStored: async (account) => stored.includes(account),
    unlock: async () => {
      state.prompts += 1;
      if (opensWhenAsked) state.locked = false;
    },
  };
  return { lock, state };
};

describe('createKeychainVault on a locked keychain', () => {
  it('asks to unlock once for calls made together, then fails each with "locked", never listing', async () => {
    const { lock, state } = fakeLock(false);
    const vault = createKeychainVault({
      service: 'svc',
      loadKeytar: async () => lockedKeytar(state),
      lock,
    });
    const attempts = [
      vault.set('a', 'hunter2'),
      vault.clear('a'),
      vault.read('a'),
      vault.accounts('a'),
    ];
    for (const attempt of attempts)
      await expect(attempt).rejects.toMatchObject({
        code: 'keychain-locked',
        message: KEYCHAIN_LOCKED_MESSAGE,
      });
    expect(state.prompts).toBe(1);
    expect(KEYCHAIN_LOCKED_MESSAGE).toMatch(/^The keychain is locked/);
  });

  it('still says which secrets are stored, from their names, and that it is locked', async () => {
    const { lock, state } = fakeLock(false, ['stored']);
    const vault = createKeychainVault({
      service: 'svc',
      loadKeytar: async () => lockedKeytar(state),
      lock,
    });
    expect(await vault.isSet('stored')).toBe(true);
    expect(await vault.isSet('never-stored')).toBe(false);
    expect(await vault.locked?.()).toBe(true);
  });

  it('goes on with the call once the platform unlocked it', async () => {
    const { lock, state } = fakeLock(true);
    const vault = createKeychainVault({
      service: 'svc',
      loadKeytar: async () => lockedKeytar(state),
      lock,
    });
    expect(await vault.read('a')).toBe('stored');
    expect(state.prompts).toBe(1);
  });

  it('names a lock the Secret Service reports during the call as locked, not unavailable', async () => {
    const vault = vaultFailingWith('Cannot create an item in a locked collection');
    await expect(vault.set('a', 'hunter2')).rejects.toMatchObject({ code: 'keychain-locked' });
  });
});
