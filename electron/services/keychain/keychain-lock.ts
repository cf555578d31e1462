import { execFile, spawn } from 'node:child_process';

/**
 * Whether the OS keychain is locked, asked before every keytar call. On Linux keytar cannot be
 * trusted with a locked Secret Service collection: its findCredentials dies with SIGSEGV
 * (libsecret hands it an item without a secret) and getPassword answers "not stored", which
 * would invite the admin to type over secrets that are still there.
 */
export interface KeychainLock {
  isLocked(): Promise<boolean>;
  /** Whether an entry is stored, from its name alone: answered even while locked. */
  isStored(account: string): Promise<boolean>;
  /** Asks the platform to unlock (it may show its own password prompt); settles either way. */
  unlock(): Promise<void>;
}

/** macOS and Windows prompt or fail cleanly themselves, so there is nothing to ask first. */
export const noKeychainLock: KeychainLock = {
  isLocked: async () => false,
  isStored: async () => false,
  unlock: async () => undefined,
};

/**
 * Runs a program and answers its stdout ('' when `discard`, which sends it to /dev/null instead);
 * rejects when it cannot start, fails or outlives the timeout.
 */
export type RunProgram = (
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; discard?: boolean },
) => Promise<string>;

const runProgram: RunProgram = (file, args, { timeoutMs, discard = false }) =>
  new Promise((resolve, reject) => {
    if (!discard) {
      execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
      return;
    }
    const child = spawn(file, args, { timeout: timeoutMs, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve('') : reject(new Error(`exit ${code}`))));
  });

const SECRETS = ['--session', '--dest', 'org.freedesktop.secrets'];
const PROBE_TIMEOUT_MS = 5_000;
/** Long enough for a person to type the keychain password into the platform's prompt. */
const UNLOCK_TIMEOUT_MS = 120_000;

/** A string as a GVariant text literal, as gdbus parses its arguments. */
const gvariantString = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** Calls `method` on the Secret Service object at `objectPath`; answers gdbus's printed reply. */
const callSecrets = (run: RunProgram, objectPath: string, method: string, args: string[]) =>
  run('gdbus', ['call', ...SECRETS, '--object-path', objectPath, '--method', method, ...args], {
    timeoutMs: PROBE_TIMEOUT_MS,
  });

async function defaultCollectionLocked(run: RunProgram): Promise<boolean> {
  const out = await callSecrets(
    run,
    '/org/freedesktop/secrets/aliases/default',
    'org.freedesktop.DBus.Properties.Get',
    ['org.freedesktop.Secret.Collection', 'Locked'],
  ).catch(() => '');
  return out.includes('<true>');
}

// SearchItems matches on the attributes keytar stores, which stay searchable while locked, and
// answers (unlocked paths, locked paths) without any secret.
async function searchItems(run: RunProgram, attributes: Record<string, string>) {
  const dict = Object.entries(attributes).map(
    ([key, value]) => `${gvariantString(key)}: ${gvariantString(value)}`,
  );
  const out = await callSecrets(
    run,
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.SearchItems',
    [`{${dict.join(', ')}}`],
  );
  const split = out.indexOf('],');
  const hasItem = (paths: string) => paths.includes('/org/freedesktop/secrets/');
  return split < 0
    ? { unlocked: false, locked: false }
    : { unlocked: hasItem(out.slice(0, split)), locked: hasItem(out.slice(split + 2)) };
}

/**
 * The Secret Service (GNOME Keyring, KWallet) over D-Bus through `gdbus` (libglib2.0-bin, on every
 * GLib desktop). Locked means: the default collection, where keytar stores, is locked, or one of
 * this service's entries sits in a locked collection. When gdbus or the bus is missing the answer
 * is "not locked", and keytar then reports the keychain as unavailable with its own cause.
 */
export function secretServiceLock(service: string, run: RunProgram = runProgram): KeychainLock {
  // A locked entry of ours is what crashes keytar's findCredentials.
  const entriesLocked = async () =>
    (await searchItems(run, { service }).catch(() => ({ locked: false }))).locked;
  return {
    isLocked: async () =>
      (await Promise.all([defaultCollectionLocked(run), entriesLocked()])).some(Boolean),
    isStored: async (account) => {
      const found = await searchItems(run, { service, account });
      return found.locked || found.unlocked;
    },
    // A Secret Service prompt belongs to the connection that asked for it, so one gdbus call per
    // step cannot answer it; secret-tool asks and waits on one connection. Its output (which
    // would hold the secrets it finds) goes nowhere: only whether the keychain is open matters.
    unlock: async () => {
      await run('secret-tool', ['search', '--unlock', 'service', service], {
        timeoutMs: UNLOCK_TIMEOUT_MS,
        discard: true,
      }).then(
        () => undefined,
        () => undefined,
      );
    },
  };
}
