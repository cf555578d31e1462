import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import type { SecretVault } from './secret-vault';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { commitWithSecrets } from './secret-transaction';

const snapshot = async (vault: SecretVault, accounts: string[]) =>
  Object.fromEntries(
    await Promise.all(accounts.map(async (a) => [a, await vault.read(a)] as const)),
  );

describe('commitWithSecrets', () => {
  it('applies every write, then commits', async () => {
    const vault = createMemorySecretVault({ a: 'old-a', b: 'old-b' });
    let committed = false;
    await commitWithSecrets(
      vault,
      [
        { account: 'a', change: { action: 'set', value: 'new-a' } },
        { account: 'b', change: { action: 'clear' } },
        { account: 'c', change: { action: 'clear' } },
      ],
      () => (committed = true),
    );
    expect(committed).toBe(true);
    expect(await snapshot(vault, ['a', 'b', 'c'])).toEqual({
      a: 'new-a',
      b: undefined,
      c: undefined,
    });
  });

  it('puts every secret back when the commit fails, and passes its error on', async () => {
    const vault = createMemorySecretVault({ a: 'old-a', b: 'old-b' });
    const failure = new AppError('storage-failed', 'The settings could not be written.');
    await expect(
      commitWithSecrets(
        vault,
        [
          { account: 'a', change: { action: 'set', value: 'new-a' } },
          { account: 'b', change: { action: 'clear' } },
          { account: 'c', change: { action: 'set', value: 'new-c' } },
        ],
        () => {
          throw failure;
        },
      ),
    ).rejects.toBe(failure);
    expect(await snapshot(vault, ['a', 'b', 'c'])).toEqual({
      a: 'old-a',
      b: 'old-b',
      c: undefined,
    });
  });

  it('says so plainly when the secrets cannot be put back either', async () => {
    const inner = createMemorySecretVault({ a: 'old-a' });
    let broken = false;
    const vault: SecretVault = {
      ...inner,
      set: async (account, value) => {
        if (broken) throw new AppError('keychain-unavailable', 'The OS keychain is locked.');
        await inner.set(account, value);
      },
    };
    await expect(
      commitWithSecrets(
        vault,
        [{ account: 'a', change: { action: 'set', value: 'new-a' } }],
        () => {
          broken = true;
          throw new AppError('storage-failed', 'The settings could not be written.');
        },
      ),
    ).rejects.toThrow(
      'The settings could not be written. Restoring the previous secrets failed too, so some may have changed; check them before testing.',
    );
  });
});
