import { AppError } from '../../shared/contract/errors';
import type { SecretVault } from './contracts';
import { redactSecrets } from './redact';

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
}

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
  [/locked/i, 'the keychain is locked'],
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
  new AppError(
    'keychain-unavailable',
    `The OS keychain is not available: ${describeCause(error, secret)}. Secrets cannot be saved or used until it is.`,
  );

/**
 * The secret vault on the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows). Every failure is an AppError('keychain-unavailable') naming the cause;
 * there is deliberately no plain-text fallback.
 */
export function createKeychainVault(options: KeychainVaultOptions): SecretVault {
  const { service, loadKeytar = loadNativeKeytar } = options;
  let keytar: Promise<KeytarApi> | undefined;

  const call = async <T>(use: (api: KeytarApi) => Promise<T>, secret?: string): Promise<T> => {
    try {
      keytar ??= loadKeytar();
      return await use(await keytar);
    } catch (error) {
      throw unavailable(error, secret);
    }
  };

  return {
    set: (account, value) => call((k) => k.setPassword(service, account, value), value),
    clear: async (account) => {
      await call((k) => k.deletePassword(service, account));
    },
    isSet: async (account) => (await call((k) => k.getPassword(service, account))) !== null,
    read: async (account) => (await call((k) => k.getPassword(service, account))) ?? undefined,
    // keytar can only list accounts together with their passwords; the passwords go no further.
    accounts: async (prefix) =>
      (await call((k) => k.findCredentials(service)))
        .map((credential) => credential.account)
        .filter((account) => account.startsWith(prefix))
        .sort(),
  };
}
