import { AppError } from '../../../shared/contract/errors';

import { createKeychainGate, type KeychainGate } from './keychain-gate';
import { noKeychainLock, secretServiceLock, type KeychainLock } from './keychain-lock';
import { redactSecrets } from '../base/redact';
import type { SecretWrite } from './secret-transaction';

/** The OS keychain. Only main reads a secret back, and only to use it. */
export interface SecretVault {
  set(account: string, value: string): Promise<void>;
  clear(account: string): Promise<void>;
  isSet(account: string): Promise<boolean>;
  read(account: string): Promise<string | undefined>;
  /** The names of the stored accounts that start with `prefix`, sorted; never their secrets. */
  accounts(prefix: string): Promise<string[]>;
  /**
   * Whether the keychain is locked: its secrets are there but cannot be read or changed (every
   * call but isSet then fails with AppError 'keychain-locked'). Vaults that never lock leave it out.
   */
  locked?(): Promise<boolean>;
  /**
   * Writes `writes` and runs `commit` (the settings file) as one crash-safe save; a vault that
   * offers it versions its entries (versioned-vault.ts). Others are written one by one.
   */
  transact?(writes: readonly SecretWrite[], commit: () => void): Promise<void>;
  /**
   * Which version of the secret is stored: changes with every save of it, and says nothing about
   * the secret itself. Vaults without versions leave it out.
   */
  version?(account: string): string;
}

/** The part of @github/keytar the vault uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface KeychainVaultOptions {
  /** The keychain's service name, e.g. 'ERP Mail Settings'; tests use a unique one. */
  service: string;
  /** Tests pass a stand-in; the app loads the native module on first use. */
  loadKeytar?: () => Promise<KeytarApi>;
  /** Asked before every call; on Linux the Secret Service's lock state over D-Bus. */
  lock?: KeychainLock;
}

/** Shown in the banner and in every answer that needed a secret while the keychain is locked. */
export const KEYCHAIN_LOCKED_MESSAGE =
  'The keychain is locked, so the app cannot read or store its secrets; they are still stored, do not type them again. Unlock it (Linux: Passwords and Keys, or sign in to the desktop again; the app asks the system to unlock when it needs a secret), then reload or try again.';

const locked = () => new AppError('keychain-locked', KEYCHAIN_LOCKED_MESSAGE);
/** How long a refused unlock stands before the platform is asked again. */
const REPROMPT_AFTER_MS = 5_000;

const defaultLock = (service: string): KeychainLock =>
  process.platform === 'linux' ? secretServiceLock(service) : noKeychainLock;

const loadNativeKeytar = async (): Promise<KeytarApi> => (await import('@github/keytar')).default;

/** Known failures of libsecret / the Secret Service / keytar, in plain words. */
const causes: readonly [RegExp, string][] = [
  [
    /Failed to load keytar native addon|libsecret|cannot open shared object/i,
    'its library could not be loaded (on Linux, libsecret is probably not installed: apt-get install libsecret-1-0)',
  ],
  [
    /Could not connect|Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket/i,
    'no D-Bus session (Secret Service) was found',
  ],
  [
    /org\.freedesktop\.secrets|not provided by any \.service files/i,
    'no Secret Service (such as GNOME Keyring) is running in the D-Bus session',
  ],
  [/cancel|dismiss/i, 'the keychain prompt was dismissed'],
];

function describeCause(error: unknown, secret: string | undefined): string {
  const raw = error instanceof Error ? error.message : String(error);
  const known = causes.find(([pattern]) => pattern.test(raw));
  if (known) return known[1];
  // An unknown message is shown to help the admin, but never with the secret in it.
  return `the keychain refused the request (${redactSecrets(raw, secret ? [secret] : [])})`;
}

const unavailable = (error: unknown, secret?: string) =>
  // Locked between the check and the call: the Secret Service says so in its own words.
  /locked/i.test(error instanceof Error ? error.message : String(error))
    ? locked()
    : new AppError(
        'keychain-unavailable',
        `The OS keychain is not available: ${describeCause(error, secret)}. Secrets cannot be saved or used until it is.`,
      );

/** The lock, each of its questions asked as a probe that never overlaps a keytar call. */
const gatedLock = (lock: KeychainLock, gate: KeychainGate): KeychainLock => ({
  isLocked: () => gate.probe(() => lock.isLocked()),
  isStored: (account) => gate.probe(() => lock.isStored(account)),
  unlock: () => gate.probe(() => lock.unlock()),
});

/**
 * Lets a call through only when the keychain is open: a locked one is asked to unlock once (the
 * platform may prompt), then checked again. Calls made meanwhile share the one check and prompt.
 */
function unlockedGate(lock: KeychainLock): () => Promise<void> {
  let pending: Promise<void> | undefined;
  // One refusal answers the burst of calls behind it: a screen's load must not stack prompts.
  let refusedAt = Number.NEGATIVE_INFINITY;
  const check = async () => {
    if (!(await lock.isLocked())) return;
    if (Date.now() - refusedAt < REPROMPT_AFTER_MS) throw locked();
    await lock.unlock();
    if (!(await lock.isLocked())) return;
    refusedAt = Date.now();
    throw locked();
  };
  return () => (pending ??= check().finally(() => (pending = undefined)));
}

/**
 * Whether the keychain is locked, one D-Bus question shared by every call asking while it is
 * under way: loading 200 rows without passwords must not cost 200 round trips, yet a lock is
 * never taken on trust. findCredentials, which crashes on a locked collection, asks on its own.
 */
function sharedLockQuestion(lock: KeychainLock): () => Promise<boolean> {
  let asking: Promise<boolean> | undefined;
  return () => (asking ??= lock.isLocked().finally(() => (asking = undefined)));
}

/** Whether `account` is stored, asked of a locked keychain; `locked` when it cannot say. */
async function storedWhileLocked(lock: KeychainLock, account: string, locked: AppError) {
  try {
    return await lock.isStored(account);
  } catch {
    throw locked;
  }
}

const isLockedError = (error: unknown): error is AppError =>
  error instanceof AppError && error.code === 'keychain-locked';

type KeytarCall = <T>(use: (api: KeytarApi) => Promise<T>, secret?: string) => Promise<T>;

/** keytar's calls through the gate, the native module loaded on the first of them. */
function keytarCaller(gate: KeychainGate, loadKeytar: () => Promise<KeytarApi>): KeytarCall {
  let keytar: Promise<KeytarApi> | undefined;
  return (use, secret) =>
    gate.call(async () => {
      try {
        keytar ??= loadKeytar();
        return await use(await keytar);
      } catch (error) {
        throw unavailable(error, secret);
      }
    });
}

/**
 * keytar answers "nothing stored" for an entry in a locked collection and refuses to write
 * there, but only findCredentials crashes. So the lock is asked (a D-Bus round trip) only when
 * an answer could be the lock's doing, and before findCredentials; a found secret costs nothing.
 */
function lockAwareCaller(
  call: KeytarCall,
  unlocked: () => Promise<void>,
  lockedNow: () => Promise<boolean>,
) {
  return async <T>(
    use: (api: KeytarApi) => Promise<T>,
    couldBeLock: (answer: T) => boolean,
    secret?: string,
  ): Promise<T> => {
    const attempt = () => call(use, secret);
    const answer = await attempt().catch(async (error: unknown) => {
      if (!isLockedError(error)) throw error;
      await unlocked();
      return attempt();
    });
    if (!couldBeLock(answer) || !(await lockedNow())) return answer;
    await unlocked();
    return attempt();
  };
}

/**
 * The secret vault on the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows). A locked keychain is an AppError('keychain-locked'), any other failure an
 * AppError('keychain-unavailable') naming the cause; there is deliberately no plain-text fallback.
 */
export function createKeychainVault(options: KeychainVaultOptions): SecretVault {
  const { service, loadKeytar = loadNativeKeytar } = options;
  const gate = createKeychainGate();
  const lock = gatedLock(options.lock ?? defaultLock(service), gate);
  const unlocked = unlockedGate(lock);
  const lockedNow = sharedLockQuestion(lock);
  const call = keytarCaller(gate, loadKeytar);
  const unlessLocked = lockAwareCaller(call, unlocked, lockedNow);
  const getPassword = (account: string) =>
    unlessLocked(
      (k) => k.getPassword(service, account),
      (value) => value === null,
    );

  return {
    set: async (account, value) => {
      await unlessLocked(
        (k) => k.setPassword(service, account, value),
        () => false,
        value,
      );
    },
    clear: async (account) => {
      await unlessLocked(
        (k) => k.deletePassword(service, account),
        (deleted) => !deleted,
      );
    },
    // While locked, whether a secret is stored is still known from its name: the screens show
    // it as stored (with the "locked" banner) rather than inviting the admin to type it again.
    isSet: async (account) => {
      try {
        return (await getPassword(account)) !== null;
      } catch (error) {
        if (!isLockedError(error)) throw error;
        return storedWhileLocked(lock, account, error);
      }
    },
    read: async (account) => (await getPassword(account)) ?? undefined,
    // keytar can only list accounts together with their passwords; the passwords go no further.
    accounts: async (prefix) => {
      await unlocked();
      return (await call((k) => k.findCredentials(service)))
        .map((credential) => credential.account)
        .filter((account) => account.startsWith(prefix))
        .sort();
    },
    locked: () => lock.isLocked(),
  };
}
