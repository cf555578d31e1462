import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
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

  it('logs one fault once until a call goes through, however many calls it refuses', async () => {
    const warn = vi.fn();
    let available = false;
    const unavailable = new AppError('keychain-unavailable', 'The OS keychain is not available.');
    const vault = logKeychainFaults(
      {
        ...createMemorySecretVault(),
        isSet: async () => {
          if (!available) throw unavailable;
          return false;
        },
      },
      { warn },
    );
    const ask = (n: number) =>
      Promise.allSettled(
        Array.from({ length: n }, (_, i) => vault.isSet(`incoming.password.${i}`)),
      );
    await ask(200);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(
      'Keychain isSet incoming.password.0 failed (keychain-unavailable: The OS keychain is not available.)',
    );
    available = true;
    await ask(1);
    available = false;
    await ask(3);
    expect(warn).toHaveBeenCalledTimes(2);
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
