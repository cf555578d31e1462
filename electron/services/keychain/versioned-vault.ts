import { createHash, randomUUID } from 'node:crypto';
import type { SecretVault } from './secret-vault';
import type { SecretWrite } from './secret-transaction';

/**
 * Which keychain entry holds each secret: the settings file keeps this map, so the file is the
 * commit point of a save. `commit` writes `refs` together with whatever `write` writes (the
 * settings themselves), in one atomic write of the file.
 */
export interface SecretRefs {
  getSecretRefs(): Record<string, string>;
  commitSecretRefs(refs: Record<string, string>, write: () => void): void;
}

/** Separates a secret's name from its version in a keychain entry's name. */
const VERSION_MARK = '~v';
const isVersioned = (entry: string) => entry.includes(VERSION_MARK);

export interface VersionedVault extends SecretVault {
  version(account: string): string;
  transact(writes: readonly SecretWrite[], commit: () => void): Promise<void>;
  /** Removes the entries no settings file names (left by a save that was killed); answers them. */
  sweep(): Promise<string[]>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs each piece of work once the one before it has settled: saves and sweeps never overlap. */
function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = queue.then(work);
    queue = next.catch(() => {});
    return next;
  };
}

async function stageAndCommit(
  inner: SecretVault,
  refs: SecretRefs,
  newEntry: (account: string) => string,
  writes: readonly SecretWrite[],
  commit: () => void,
): Promise<void> {
  const before = refs.getSecretRefs();
  const next = { ...before };
  const staged: string[] = [];
  try {
    for (const { account, change } of writes) {
      if (change.action === 'clear') {
        delete next[account];
        continue;
      }
      const entry = newEntry(account);
      await inner.set(entry, change.value);
      staged.push(entry);
      next[account] = entry;
    }
    refs.commitSecretRefs(next, commit);
  } catch (error) {
    await Promise.allSettled(staged.map((entry) => inner.clear(entry)));
    throw error;
  }
  // Committed: the replaced entries go. Killed here, the sweep removes them at next start.
  const replaced = writes.map(({ account }) => before[account] ?? account);
  await Promise.allSettled(replaced.map((entry) => inner.clear(entry)));
}

/**
 * Crash-safe saves (issue 10): each new secret goes under a new keychain entry, then the settings
 * file naming it is written atomically, then the entry it replaced is removed. Killed at any
 * instant, the file names either the old entries (still there) or the new ones (already there);
 * an entry left over is unreferenced and swept at the next start. Accounts are the secrets' own
 * names (e.g. `system.clientSecret`); an entry under that plain name (from before versions) is
 * read until a save replaces it. Saves run one at a time.
 */
export function createVersionedVault(
  inner: SecretVault,
  refs: SecretRefs,
  /**
   * The settings file's path. Versions carry a digest of it, so that the sweep of one settings
   * folder never takes the entries of another folder that shares the keychain service.
   */
  settingsFile: string,
): VersionedVault {
  const scope = `${VERSION_MARK}${digest(settingsFile).slice(0, 8)}.`;
  const newEntry = (account: string) =>
    `${account}${scope}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const serial = serialQueue();
  const entryOf = (account: string) => refs.getSecretRefs()[account] ?? account;

  const transact = (writes: readonly SecretWrite[], commit: () => void) =>
    serial(() => stageAndCommit(inner, refs, newEntry, writes, commit));

  const write = (account: string, change: SecretWrite['change']) =>
    transact([{ account, change }], () => {});

  return {
    transact,
    set: (account, value) => write(account, { action: 'set', value }),
    clear: (account) => write(account, { action: 'clear' }),
    read: (account) => inner.read(entryOf(account)),
    isSet: (account) => inner.isSet(entryOf(account)),
    // A digest of the entry's name: each save makes a new entry, so a new version.
    version: (account) => digest(entryOf(account)).slice(0, 16),
    accounts: async (prefix) => {
      const named = Object.keys(refs.getSecretRefs());
      const plain = (await inner.accounts(prefix)).filter((entry) => !isVersioned(entry));
      return [...new Set([...named.filter((a) => a.startsWith(prefix)), ...plain])].sort();
    },
    locked: inner.locked && (() => inner.locked?.() ?? Promise.resolve(false)),
    sweep: () =>
      serial(async () => {
        const current = refs.getSecretRefs();
        const referenced = new Set(Object.values(current));
        const orphans = (await inner.accounts('')).filter((entry) =>
          isVersioned(entry) ? entry.includes(scope) && !referenced.has(entry) : entry in current,
        );
        await Promise.allSettled(orphans.map((entry) => inner.clear(entry)));
        return orphans;
      }),
  };
}
