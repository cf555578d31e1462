import { describe, expect, it } from 'vitest';
import { LOCK_CHECK_TTL_MS, createKeychainGate } from './keychain-gate';
import type { KeychainLock } from './keychain-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A lock that records whether it was ever asked while a call was running. */
const watchedLock = (locked = false) => {
  const state = { running: 0, askedWhileRunning: false, checks: 0 };
  const asked = async <T>(answer: T) => {
    state.checks += 1;
    if (state.running > 0) state.askedWhileRunning = true;
    await tick();
    return answer;
  };
  const lock: KeychainLock = {
    isLocked: () => asked(locked),
    isStored: () => asked(true),
    unlock: () => asked(undefined),
  };
  return { lock, state };
};

describe('createKeychainGate', () => {
  it('never asks the lock while a keychain call runs, and shares one check among calls', async () => {
    let time = 0;
    const { lock, state } = watchedLock();
    const gate = createKeychainGate(
      lock,
      () => new Error('locked'),
      () => time,
    );
    const call = async () => {
      state.running += 1;
      await tick();
      state.running -= 1;
      return 'done';
    };
    const first = await Promise.all([gate.run(call), gate.run(call), gate.run(call)]);
    expect(first).toEqual(['done', 'done', 'done']);
    expect(state.checks).toBe(1);

    // Past the TTL, and with calls in flight: the new check waits until they are done.
    const running = [gate.run(call), gate.run(call)];
    time += LOCK_CHECK_TTL_MS;
    await Promise.all([...running, gate.run(call), gate.isLocked(), gate.run(call, true)]);
    expect(state.askedWhileRunning).toBe(false);
    expect(state.checks).toBeGreaterThan(1);
  });

  it('throws the "locked" error without running the call when the keychain stays locked', async () => {
    const { lock } = watchedLock(true);
    const gate = createKeychainGate(lock, () => new Error('The keychain is locked.'));
    let ran = false;
    await expect(gate.run(async () => (ran = true))).rejects.toThrow('The keychain is locked.');
    expect(ran).toBe(false);
    expect(await gate.ask((l) => l.isStored('a'))).toBe(true);
  });
});
