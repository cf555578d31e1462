import type { KeychainLock } from './keychain-lock';

/** How long a "not locked" answer is trusted before the keychain is asked again. */
export const LOCK_CHECK_TTL_MS = 1_000;

export interface KeychainGate {
  /**
   * Runs a keytar call once the keychain is known to be open; `fresh` asks again even within the
   * TTL (for findCredentials, which crashes on a locked collection). Throws `onLocked()` when a
   * locked keychain stays locked after the platform was asked to unlock it.
   */
  run<T>(use: () => Promise<T>, fresh?: boolean): Promise<T>;
  /** Whether the keychain is locked now, asked like any check (never alongside a keytar call). */
  isLocked(): Promise<boolean>;
  /** Asks the lock something else (isStored) between keytar calls. */
  ask<T>(question: (lock: KeychainLock) => Promise<T>): Promise<T>;
}

/**
 * Checks the lock before keytar calls, never while one is running: starting a child process
 * (gdbus) while libsecret works on another thread was seen to hang keytar calls for good. So a
 * check waits until the calls in flight are done, and calls wait for a check under way. Checks
 * are shared and their "open" answer is trusted for LOCK_CHECK_TTL_MS.
 */
export function createKeychainGate(
  lock: KeychainLock,
  onLocked: () => Error,
  now: () => number = () => performance.now(),
): KeychainGate {
  let inFlight = 0;
  const idle: (() => void)[] = [];
  let checking: Promise<unknown> | undefined;
  let openUntil = -Infinity;

  /** Runs `question` with no keytar call in flight; later calls wait for it. */
  const exclusive = <T>(question: () => Promise<T>): Promise<T> => {
    const previous = checking ?? Promise.resolve();
    const turn = previous
      .catch(() => {})
      .then(async () => {
        if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
        return question();
      });
    const settled = turn.finally(() => {
      if (checking === settled) checking = undefined;
    });
    checking = settled;
    return settled;
  };

  const check = () =>
    exclusive(async () => {
      if (now() < openUntil) return;
      if (await lock.isLocked()) {
        await lock.unlock();
        if (await lock.isLocked()) throw onLocked();
      }
      openUntil = now() + LOCK_CHECK_TTL_MS;
    });

  const run = async <T>(use: () => Promise<T>, fresh = false): Promise<T> => {
    if (fresh) openUntil = -Infinity;
    while (checking || now() >= openUntil) await (checking ?? check());
    inFlight += 1;
    try {
      return await use();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
    }
  };

  return {
    run,
    isLocked: () => exclusive(() => lock.isLocked()),
    ask: (question) => exclusive(() => question(lock)),
  };
}
