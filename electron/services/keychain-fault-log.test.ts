import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/errors';
import { createMemorySecretVault } from '../../test-support/services/memory-secret-vault';
import { logKeychainFaults } from './keychain-fault-log';

describe('logKeychainFaults', () => {
  it('logs a refused call by name, entry and code, never the secret, and rethrows it', async () => {
    const warn = vi.fn();
    const refusal = new AppError('keychain-locked', 'The keychain is locked.');
    const vault = logKeychainFaults(
      {
        ...createMemorySecretVault(),
        set: async () => {
          throw refusal;
        },
      },
      { warn },
    );
    await expect(vault.set('system.smtpPassword', 'Secret-Value-1')).rejects.toBe(refusal);
    expect(warn).toHaveBeenCalledWith(
      'Keychain set system.smtpPassword failed (keychain-locked: The keychain is locked.)',
    );
    expect(JSON.stringify(warn.mock.calls)).not.toContain('Secret-Value-1');
  });

  it('names any other error by its kind only, since its message may quote a secret', async () => {
    const warn = vi.fn();
    const vault = logKeychainFaults(
      {
        ...createMemorySecretVault(),
        read: async () => {
          throw new TypeError('bad value Secret-Value-2');
        },
      },
      { warn },
    );
    await expect(vault.read('incoming.clientSecret')).rejects.toThrow(TypeError);
    expect(warn).toHaveBeenCalledWith('Keychain read incoming.clientSecret failed (TypeError)');
  });

  it('passes answers through and logs nothing when the keychain answers', async () => {
    const warn = vi.fn();
    const vault = logKeychainFaults(createMemorySecretVault({ a: 'x' }), { warn });
    expect(await vault.read('a')).toBe('x');
    expect(await vault.isSet('b')).toBe(false);
    expect(vault.locked).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});
