import { describe, expect, it } from 'vitest';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import type { SecretVault } from './secret-vault';
import { createVersionedVault, type SecretRefs } from './versioned-vault';

/** The settings file's references, held in memory; `writes` counts the file writes. */
const memoryRefs = (initial: Record<string, string> = {}) => {
  let refs = { ...initial };
  const state = { writes: 0 };
  const store: SecretRefs = {
    getSecretRefs: () => ({ ...refs }),
    commitSecretRefs: (next, write) => {
      write();
      refs = { ...next };
      state.writes += 1;
    },
  };
  return { store, state };
};

const entries = async (vault: SecretVault) =>
  Object.fromEntries(
    await Promise.all(
      (await vault.accounts('')).map(async (a) => [a, await vault.read(a)] as const),
    ),
  );

describe('createVersionedVault', () => {
  it('puts each new secret under a new entry, names it in the file, then removes the old one', async () => {
    const inner = createMemorySecretVault();
    const { store } = memoryRefs();
    const vault = createVersionedVault(inner, store, '/a/settings.json');
    await vault.set('system.clientSecret', 'first');
    const firstEntry = store.getSecretRefs()['system.clientSecret'];
    expect(firstEntry).toMatch(/^system\.clientSecret~v[0-9a-f]{8}\.[0-9a-f]{12}$/);
    await vault.set('system.clientSecret', 'second');

    expect(await vault.read('system.clientSecret')).toBe('second');
    expect(await vault.accounts('system.')).toEqual(['system.clientSecret']);
    expect(Object.values(await entries(inner))).toEqual(['second']);
    await vault.clear('system.clientSecret');
    expect(await vault.isSet('system.clientSecret')).toBe(false);
    expect(await inner.accounts('')).toEqual([]);
  });

  it('keeps the old secret and the old file when the settings cannot be written', async () => {
    const inner = createMemorySecretVault();
    const { store } = memoryRefs();
    const vault = createVersionedVault(inner, store, '/a/settings.json');
    await vault.set('system.exchangePassword', 'old');
    const failingFile = () => {
      throw new Error('ENOSPC');
    };
    await expect(
      vault.transact(
        [{ account: 'system.exchangePassword', change: { action: 'set', value: 'new' } }],
        failingFile,
      ),
    ).rejects.toThrow('ENOSPC');
    expect(await vault.read('system.exchangePassword')).toBe('old');
    expect(Object.values(await entries(inner))).toEqual(['old']);
  });

  it('sweeps what a killed save left: new entries no file names, and superseded plain ones', async () => {
    const inner = createMemorySecretVault({ 'system.smtpPassword': 'plain, from before versions' });
    const { store } = memoryRefs();
    const vault = createVersionedVault(inner, store, '/a/settings.json');
    expect(await vault.read('system.smtpPassword')).toBe('plain, from before versions');
    await vault.set('system.smtpPassword', 'versioned');
    // A save killed after its keychain write, before the file: an entry nothing names.
    const killed = createVersionedVault(inner, memoryRefs().store, '/a/settings.json');
    await killed.set('system.clientSecret', 'orphan');
    await inner.set('system.smtpPassword', 'plain again');
    const otherFolder = createVersionedVault(inner, memoryRefs().store, '/b/settings.json');
    await otherFolder.set('system.clientSecret', 'another folder’s');

    const swept = await vault.sweep();
    expect(swept).toHaveLength(2);
    expect(Object.values(await entries(inner)).sort()).toEqual(['another folder’s', 'versioned']);
    expect(await vault.read('system.smtpPassword')).toBe('versioned');
  });

  it('runs saves one at a time, so two saves never lose each other’s references', async () => {
    const vault = createVersionedVault(
      createMemorySecretVault(),
      memoryRefs().store,
      '/a/settings.json',
    );
    await Promise.all([vault.set('a', '1'), vault.set('b', '2'), vault.set('c', '3')]);
    expect(await Promise.all(['a', 'b', 'c'].map((a) => vault.read(a)))).toEqual(['1', '2', '3']);
  });
});
