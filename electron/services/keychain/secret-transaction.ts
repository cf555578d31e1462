import { AppError } from '../../../shared/contract/errors';
import type { SecretChange } from '../../../shared/settings/secrets';
import type { SecretVault } from './secret-vault';

/** One keychain write: `account` is the vault's account name, `change` what to do with it. */
export interface SecretWrite {
  account: string;
  change: SecretChange;
}

type Undo = () => Promise<void>;

/** Undoes the writes made so far (newest first), then passes on the error that stopped the save. */
async function rollBack(undos: Undo[], cause: unknown): Promise<never> {
  try {
    for (const undo of [...undos].reverse()) await undo();
  } catch {
    const message = cause instanceof Error ? cause.message : 'The save failed.';
    throw new AppError(
      'keychain-unavailable',
      `${message} Restoring the previous secrets failed too, so some may have changed; check them before testing.`,
    );
  }
  throw cause;
}

/**
 * Saves secrets and settings together or not at all: applies each keychain write after reading
 * what it replaces, then `commit` (the settings file). If any step fails, the keychain is put back
 * as it was and the error is passed on, so the file and the keychain never disagree.
 */
export async function commitWithSecrets(
  vault: SecretVault,
  writes: readonly SecretWrite[],
  commit: () => void,
): Promise<void> {
  // The app's vault versions its entries, which also survives a kill (versioned-vault.ts); the
  // undo below is for a vault without versions, where only a failure can be put right.
  if (vault.transact) return vault.transact(writes, commit);
  const undos: Undo[] = [];
  try {
    for (const { account, change } of writes) {
      const previous = await vault.read(account);
      if (change.action === 'set') await vault.set(account, change.value);
      else if (previous !== undefined) await vault.clear(account);
      undos.push(() =>
        previous === undefined ? vault.clear(account) : vault.set(account, previous),
      );
    }
    commit();
  } catch (error) {
    await rollBack(undos, error);
  }
}
